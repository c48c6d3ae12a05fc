import { nextPosition, previousPosition } from '../../domain/logs/search.js';
import { anchorShowing, scrolledAnchor } from './logs-view-model.js';
import type { PaneState, PaneView } from './pane-state.js';

export interface PaneKey {
  input: string;
  upArrow?: boolean;
  downArrow?: boolean;
  pageUp?: boolean;
  pageDown?: boolean;
  home?: boolean;
  end?: boolean;
  return?: boolean;
  escape?: boolean;
  backspace?: boolean;
  delete?: boolean;
  ctrl?: boolean;
  meta?: boolean;
}

export type PaneEffect = { kind: 'save' } | undefined;

/** The next pane state for one key press (pure), plus a side effect for the component to run. */
export function reducePaneKey(
  s: PaneState,
  key: PaneKey,
  d: PaneView,
  rows: number,
): [PaneState, PaneEffect] {
  const { input } = key;
  if (s.typing !== undefined) {
    if (key.return) return [{ ...s, query: s.typing, typing: undefined, current: undefined }, undefined];
    if (key.escape) return [{ ...s, typing: undefined }, undefined];
    if (key.backspace || key.delete) return [{ ...s, typing: s.typing.slice(0, -1) }, undefined];
    if (input && !key.ctrl && !key.meta) return [{ ...s, typing: s.typing + input }, undefined];
    return [s, undefined];
  }
  const t: PaneState = { ...s, message: undefined };
  const bottomSeq = d.list.seqAt(d.view.bottomIndex);
  const jump = (seq: number | undefined): PaneState =>
    seq === undefined ? t : { ...t, current: seq, anchor: anchorShowing(d.list, seq, rows) };
  const scroll = (delta: number): PaneState => ({
    ...t,
    anchor: scrolledAnchor(d.list, d.view.bottomIndex, delta, rows),
  });
  const paused = s.anchor !== undefined;
  switch (input) {
    case '/':
      return [{ ...t, typing: '' }, undefined];
    // Without a current match, both directions start from the newest match on screen or above it.
    case 'n':
      return [
        jump(
          s.current === undefined
            ? previousPosition(d.matches, bottomSeq + 1)
            : nextPosition(d.matches, s.current),
        ),
        undefined,
      ];
    case 'N':
      return [jump(previousPosition(d.matches, s.current ?? bottomSeq + 1)), undefined];
    case 'f':
      return [{ ...t, filter: !s.filter }, undefined];
    case 'i':
      return [{ ...t, caseInsensitive: !s.caseInsensitive }, undefined];
    case 't':
      return [{ ...t, timestamps: !s.timestamps }, undefined];
    case ' ':
      return [
        { ...t, current: undefined, anchor: paused || d.list.count === 0 ? undefined : bottomSeq },
        undefined,
      ];
    case 'w':
      return [t, { kind: 'save' }];
  }
  if (key.upArrow) return [scroll(-1), undefined];
  if (key.pageUp) return [scroll(-rows), undefined];
  if (key.downArrow && paused) return [scroll(1), undefined];
  if (key.pageDown && paused) return [scroll(rows), undefined];
  if (key.home) return [{ ...t, anchor: scrolledAnchor(d.list, 0, 0, rows) }, undefined];
  if (key.end) return [{ ...t, anchor: undefined }, undefined];
  return [s, undefined];
}
