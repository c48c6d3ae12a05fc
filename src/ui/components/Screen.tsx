import { Text } from 'ink';
import { useContext, useLayoutEffect } from 'react';
import { SCREEN_MARK, ScreenSinkContext } from '../terminal/screen-sink.js';
import { Lines } from './Lines.js';

/**
 * The whole screen as painted, fitted lines (nothing else may render beside it). Under a frame
 * writer the lines go to it directly and Ink only lays out a one-character placeholder; without
 * one (tests, other renderers) they are rendered as Ink text.
 */
export function Screen({ lines }: { lines: readonly string[] }) {
  const sink = useContext(ScreenSinkContext);
  // A layout effect runs in the same commit as Ink's own render of the placeholder, so the writer
  // never shows the placeholder frame alone. Every commit: lines identical to the screen cost no write.
  useLayoutEffect(() => {
    sink?.showScreen(lines);
  });
  if (!sink) return <Lines lines={lines} />;
  return <Text>{SCREEN_MARK}</Text>;
}
