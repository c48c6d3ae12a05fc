import type { Key } from 'ink';
import { nextPosition, previousPosition } from '../../domain/logs/search.js';
import { findBinding, keyName, type CommandId } from '../keymap.js';
import { anchorShowing, scrolledAnchor } from './logs-view-model.js';
import type { PaneState, PaneView } from './pane-state.js';

/** One key press as Ink reports it (`input` plus the flags it sets). */
export type PaneKey = { input: string } & Partial<Key>;

// The pane's own keys come from the keymap (view `logs`), so help lists exactly what works here.
const PANE_CONTEXT = { readOnly: true, canAct: false };

/** Keymap commands the logs pane carries out itself (the dashboard leaves them to it). */
export const PANE_COMMANDS: ReadonlySet<CommandId> = new Set<CommandId>([
  'logs.search',
  'logs.next',
  'logs.prev',
  'logs.filter',
  'logs.case',
  'logs.time',
  'logs.pause',
  'logs.save',
  'up',
  'down',
  'pageUp',
  'pageDown',
  'top',
  'bottom',
]);

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
  const binding = findBinding('logs', keyName(input, key), PANE_CONTEXT);
  switch (binding && PANE_COMMANDS.has(binding.id) ? binding.id : undefined) {
    case 'logs.search':
      return [{ ...t, typing: '' }, undefined];
    // Without a current match, both directions start from the newest match on screen or above it.
    case 'logs.next':
      return [
        jump(
          s.current === undefined
            ? previousPosition(d.matches, bottomSeq + 1)
            : nextPosition(d.matches, s.current),
        ),
        undefined,
      ];
    case 'logs.prev':
      return [jump(previousPosition(d.matches, s.current ?? bottomSeq + 1)), undefined];
    case 'logs.filter':
      return [{ ...t, filter: !s.filter }, undefined];
    case 'logs.case':
      return [{ ...t, caseInsensitive: !s.caseInsensitive }, undefined];
    case 'logs.time':
      return [{ ...t, timestamps: !s.timestamps }, undefined];
    case 'logs.pause':
      return [
        { ...t, current: undefined, anchor: paused || d.list.count === 0 ? undefined : bottomSeq },
        undefined,
      ];
    case 'logs.save':
      return [t, { kind: 'save' }];
    case 'up':
      return [scroll(-1), undefined];
    case 'pageUp':
      return [scroll(-rows), undefined];
    // Following already shows the newest line: down only moves a paused view.
    case 'down':
      return [paused ? scroll(1) : s, undefined];
    case 'pageDown':
      return [paused ? scroll(rows) : s, undefined];
    case 'top':
      return [{ ...t, anchor: scrolledAnchor(d.list, 0, 0, rows) }, undefined];
    case 'bottom':
      return [{ ...t, anchor: undefined }, undefined];
    default:
      return [s, undefined];
  }
}
