import { useContext, useLayoutEffect } from 'react';
import { ScreenSinkContext } from '../terminal/screen-sink.js';
import { Lines } from './Lines.js';

/**
 * The whole screen as painted, fitted lines (nothing else may render beside it). Under a frame
 * writer the lines go to it directly and Ink renders nothing (an empty frame, which the writer
 * does not show); without one (tests, other renderers) they are rendered as Ink text.
 */
export function Screen({ lines }: { lines: readonly string[] }) {
  const sink = useContext(ScreenSinkContext);
  // A layout effect runs in the same commit as Ink's own (empty) render. Every commit: lines
  // identical to what the screen shows cost no write.
  useLayoutEffect(() => {
    sink?.showScreen(lines);
  });
  if (!sink) return <Lines lines={lines} />;
  return null;
}
