import { useInput } from 'ink';
import React, { useRef, useSyncExternalStore } from 'react';
import type { LogTailReader } from '../../fleet/logs/reader.js';
import type { Theme } from '../../theme/index.js';
import { Screen } from '../components/Screen.js';
import { useSyncedState } from '../hooks/useSyncedState.js';
import { useTerminalSize } from '../hooks/useTerminalSize.js';
import { paneKeysHint } from './pane-hint.js';
import { reducePaneKey } from './pane-keys.js';
import { paneLines } from './pane-lines.js';
import { createPaneDeriver, initialPaneState } from './pane-state.js';

export interface LogsPaneOptions {
  reader: LogTailReader;
  theme: Theme;
  /** Rows the whole pane may use (status line and footer included). */
  height: number;
  width: number;
  /** Where `w` writes the buffer; a function is asked at each save (e.g. a name with the time). */
  savePath: string | (() => string);
  /** Whether this pane receives keys (false while another pane has focus). */
  isActive?: boolean;
  title?: string;
  initialTimestamps?: boolean;
  /**
   * Asked at every key: false leaves the key to someone else. Unlike `isActive` it is read when the
   * key arrives, so a key typed right after another one that changed the owner is not misrouted.
   */
  acceptKeys?: () => boolean;
  /** Told when the search prompt opens or closes: while it is open every key belongs to the pane. */
  onPromptChange?: (open: boolean) => void;
}

/**
 * The live logs of a LogTail as painted lines: follows the newest lines; space or scrolling pauses
 * on a line while new ones keep arriving below; `/` searches live (regex), `f` shows only matches.
 */
export function useLogsPane(o: LogsPaneOptions): string[] {
  const { reader, height, isActive = true, acceptKeys, onPromptChange, savePath } = o;
  const snap = useSyncExternalStore(reader.subscribe, reader.getSnapshot);
  const [state, setState, stateRef] = useSyncedState(() => initialPaneState(o.initialTimestamps ?? false));
  const derive = useRef(createPaneDeriver()).current;
  const rows = Math.max(1, height - 2);

  useInput(
    (input, key) => {
      if (acceptKeys && !acceptKeys()) return;
      const before = stateRef.current;
      const [next, effect] = reducePaneKey(
        before,
        { input, ...key },
        derive(reader.getSnapshot(), before, rows),
        rows,
      );
      setState(next);
      if ((next.typing !== undefined) !== (before.typing !== undefined))
        onPromptChange?.(next.typing !== undefined);
      if (effect?.kind === 'save') {
        const path = typeof savePath === 'function' ? savePath() : savePath;
        reader.save(path, { timestamps: next.timestamps }).then(
          (n) => setState((s) => ({ ...s, message: `saved ${n.toLocaleString('en-US')} lines to ${path}` })),
          (err: unknown) => setState((s) => ({ ...s, message: (err as Error).message })),
        );
      }
    },
    { isActive },
  );

  return paneLines({
    snap,
    state,
    view: derive(snap, state, rows),
    height,
    width: o.width,
    theme: o.theme,
    title: o.title,
    keysHint: paneKeysHint(),
  });
}

/** The logs pane alone on the screen (the width of the terminal unless given). */
export function LogsPane(props: Omit<LogsPaneOptions, 'width'> & { width?: number }): React.ReactElement {
  const { columns } = useTerminalSize();
  return <Screen lines={useLogsPane({ ...props, width: props.width ?? columns })} />;
}
