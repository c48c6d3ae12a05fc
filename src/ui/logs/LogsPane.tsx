import { Box, Text, useInput } from 'ink';
import React, { useReducer, useRef, useSyncExternalStore } from 'react';
import type { LogTailReader } from '../../fleet/logs/reader.js';
import type { LogsPaneColors } from './colors.js';
import { LogRow } from './LogRow.js';
import { sourceWidth } from './logs-view-model.js';
import { LogsStatusLine } from './LogsStatusLine.js';
import { reducePaneKey } from './pane-keys.js';
import { createPaneDeriver, initialPaneState, type PaneState } from './pane-state.js';

export interface LogsPaneProps {
  reader: LogTailReader;
  colors: LogsPaneColors;
  /** Rows the whole pane may use (status line and footer included). */
  height: number;
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
  /** Key hints in the footer; default: the pane's own keys. */
  keysHint?: string;
}

/**
 * The live logs of a LogTail: follows the newest lines; space or scrolling pauses on a line while
 * new ones keep arriving below; `/` searches live (regex), `f` shows only matches.
 */
export function LogsPane({
  reader,
  colors,
  height,
  savePath,
  isActive = true,
  title,
  initialTimestamps = false,
  acceptKeys,
  onPromptChange,
  keysHint = DEFAULT_KEYS_HINT,
}: LogsPaneProps): React.ReactElement {
  const snap = useSyncExternalStore(reader.subscribe, reader.getSnapshot);
  // State lives in a ref so that keys arriving faster than renders each see the previous key's result.
  const state = useRef<PaneState>(initialPaneState(initialTimestamps));
  const derive = useRef(createPaneDeriver()).current;
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const set = (next: PaneState): void => {
    if (next === state.current) return;
    state.current = next;
    rerender();
  };
  const rows = Math.max(1, height - 2);

  useInput(
    (input, key) => {
      if (acceptKeys && !acceptKeys()) return;
      const before = state.current;
      const [next, effect] = reducePaneKey(
        before,
        { input, ...key },
        derive(reader.getSnapshot(), before, rows),
        rows,
      );
      set(next);
      if ((next.typing !== undefined) !== (before.typing !== undefined))
        onPromptChange?.(next.typing !== undefined);
      if (effect?.kind === 'save') {
        const path = typeof savePath === 'function' ? savePath() : savePath;
        reader.save(path, { timestamps: next.timestamps }).then(
          (n) => set({ ...state.current, message: `saved ${n.toLocaleString('en-US')} lines to ${path}` }),
          (err: unknown) => set({ ...state.current, message: (err as Error).message }),
        );
      }
    },
    { isActive },
  );

  const s = state.current;
  const d = derive(snap, s, rows);
  const prefixWidth = sourceWidth(snap);
  return (
    <Box flexDirection="column" height={height}>
      <LogsStatusLine
        snap={snap}
        colors={colors}
        title={title}
        paused={s.anchor !== undefined}
        newBelow={d.view.below}
        filter={s.filter && d.re !== undefined}
        query={s.query}
        caseInsensitive={s.caseInsensitive}
        matchCount={d.matches.length}
      />
      <Box flexDirection="column" height={rows} overflow="hidden">
        {d.view.seqs.map((seq) => {
          const line = snap.line(seq);
          if (!line) return null;
          return (
            <LogRow
              key={seq}
              line={line}
              colors={colors}
              prefixWidth={prefixWidth}
              timestamps={s.timestamps}
              search={d.re}
              current={seq === s.current}
            />
          );
        })}
      </Box>
      <Footer
        typing={s.typing}
        error={d.search && !d.search.ok ? d.search.error : undefined}
        message={s.message}
        colors={colors}
        keysHint={keysHint}
      />
    </Box>
  );
}

const DEFAULT_KEYS_HINT =
  '/ search n/N next/prev f filter i case t time space pause ↑↓ PgUp/PgDn scroll w save';

function Footer({
  typing,
  error,
  message,
  colors,
  keysHint,
}: {
  typing?: string;
  error?: string;
  message?: string;
  colors: LogsPaneColors;
  keysHint: string;
}): React.ReactElement {
  if (typing !== undefined)
    return (
      <Text wrap="truncate-end">
        /{typing}
        <Text inverse> </Text>
        {error ? <Text color={colors.stderr}> {error}</Text> : null}
      </Text>
    );
  if (error) return <Text color={colors.stderr}>{error}</Text>;
  if (message) return <Text color={colors.notice}>{message}</Text>;
  return (
    <Text dimColor wrap="truncate-end">
      {keysHint}
    </Text>
  );
}
