import { scrollOffset } from '../components/columns.js';
import { VIEWS } from '../views/registry.js';
import type { FrameInput, ViewFrame } from '../views/view-module.js';
import { resolveIndex } from './nav.js';
import { FIRST_CURSOR, type FrameInfo } from './state.js';

/** Lines besides the table body: header, title, column header, info line, status line. */
export const CHROME_LINES = 5;

/** A view's frame placed on the screen: where the cursor and the scroll position are. */
export interface Layout {
  frame: ViewFrame;
  total: number;
  selected: number;
  offset: number;
  info: FrameInfo;
}

export function layoutFrame(input: FrameInput, frame = VIEWS[input.state.view].frame(input)): Layout {
  const { state, bodyHeight } = input;
  const paged = frame.lines !== undefined;
  const total = frame.lines ? frame.lines.length : frame.rowKeys.length;
  const cursor = state.cursors[state.view] ?? FIRST_CURSOR;
  const selected = paged ? 0 : resolveIndex(cursor, frame.rowKeys);
  const offset = paged
    ? Math.max(0, Math.min(cursor.offset, total - bodyHeight))
    : scrollOffset(cursor.offset, selected, bodyHeight, total);
  const logs = frame.logs;
  return {
    frame,
    total,
    selected,
    offset,
    info: {
      total,
      rowKeys: frame.rowKeys,
      paged,
      bodyHeight,
      selection: frame.selection?.(selected),
      selectedIndex: selected,
      logs: logs ? (ofRows) => logs(selected, ofRows) : undefined,
      replicas: frame.replicas?.(),
    },
  };
}

/** The inputs a frame depends on: a key press that changes none of them reuses the last frame. */
export function frameDeps(input: FrameInput): readonly unknown[] {
  const s = input.state;
  return [
    s.view,
    s.filters,
    s.scope,
    s.sort,
    s.eventFilter,
    s.details,
    s.helpFor,
    s.tasksOf,
    s.theme,
    input.snapshot,
    input.now,
    input.width,
    input.bodyHeight,
    input.details,
    input.recentLogs,
    input.peerDetails,
    s.compare,
    input.resources,
    s.resource,
    input.bindings.readOnly,
    input.bindings.canAct,
  ];
}

/**
 * Lays out the current view, presenting its rows again only when an input of the frame changed: a
 * cursor move or a key in a prompt costs no presenter run, however big the fleet.
 */
export function createLayoutMemo(): (input: FrameInput) => Layout {
  let deps: readonly unknown[] = [];
  let last: ViewFrame | undefined;
  return (input) => {
    const next = frameDeps(input);
    if (!last || next.length !== deps.length || next.some((d, i) => !Object.is(d, deps[i]))) {
      deps = next;
      last = VIEWS[input.state.view].frame(input);
    }
    return layoutFrame(input, last);
  };
}
