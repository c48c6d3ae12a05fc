import { scrollOffset } from '../components/columns.js';
import { isMainView, MAIN_VIEWS, resourceKindOf, type MainView, type ViewName } from '../views.js';
import { FIRST_CURSOR, stay, type Cursor, type DashboardState, type FrameInfo, type Step } from './state.js';

/** The list a view belongs to: Tab and Esc from details or help go on from there. */
export function listViewOf(view: ViewName): MainView {
  if (isMainView(view)) return view;
  return resourceKindOf(view) ?? (view === 'details' || view === 'compare' ? 'containers' : 'hosts');
}

export function resolveIndex(cursor: Cursor, keys: readonly string[]): number {
  if (keys.length === 0) return 0;
  if (cursor.key !== undefined) {
    const i = keys.indexOf(cursor.key);
    if (i >= 0) return i;
  }
  return Math.min(cursor.index, keys.length - 1);
}

export function withCursor(s: DashboardState, view: ViewName, cursor: Cursor): DashboardState {
  return { ...s, cursors: { ...s.cursors, [view]: cursor } };
}

/** To another view: `push` keeps the way back (Enter, `?`, `l`), else the stack is dropped. */
export function go(s: DashboardState, next: ViewName, push: boolean): DashboardState {
  return { ...s, stack: push ? [...s.stack.slice(-8), s.view] : [], view: next };
}

export function goStep(s: DashboardState, next: ViewName, push: boolean): Step {
  return stay(go(s, next, push));
}

/** Esc: clears the filter first, then goes back where Enter came from (dropping a containers scope). */
export function back(s: DashboardState): Step {
  const { view } = s;
  if (isMainView(view) && s.filters[view] !== '')
    return stay({ ...s, filters: { ...s.filters, [view]: '' } });
  const previous = s.stack.at(-1);
  let next = s;
  if (view === 'containers' && (s.scope.host || s.scope.role || s.scope.state)) next = { ...next, scope: {} };
  if (view === 'events' && s.eventFilter) return stay({ ...next, eventFilter: undefined });
  if (previous) return stay({ ...next, stack: s.stack.slice(0, -1), view: previous });
  if (!isMainView(view) && view !== 'logs') return stay({ ...next, view: listViewOf(view) });
  return stay(next);
}

/** Tab's ring: the main views, then (where the fleet has swarms) :services and :nodes. */
export function cycleView(s: DashboardState, step: 1 | -1, swarms = false): Step {
  const ring: readonly ViewName[] = swarms ? [...MAIN_VIEWS, 'services', 'nodes'] : MAIN_VIEWS;
  const here = ring.includes(s.view) ? s.view : listViewOf(s.view);
  const at = Math.max(0, ring.indexOf(here));
  const next = ring[(at + (step === 1 ? 1 : ring.length - 1)) % ring.length] ?? 'hosts';
  return goStep(s, next, false);
}

/** Cursor (tables) or scroll position (pages) by a delta, to the top or to the bottom. */
export function move(s: DashboardState, frame: FrameInfo, delta: number | 'top' | 'bottom'): Step {
  const { total, bodyHeight, rowKeys } = frame;
  const latest = s.cursors[s.view] ?? FIRST_CURSOR;
  if (frame.paged) {
    const maxOffset = Math.max(0, total - bodyHeight);
    const offset =
      delta === 'top'
        ? 0
        : delta === 'bottom'
          ? maxOffset
          : Math.min(maxOffset, Math.max(0, Math.min(latest.offset, maxOffset) + delta));
    return stay(withCursor(s, s.view, { index: 0, offset }));
  }
  const last = Math.max(0, total - 1);
  const index =
    delta === 'top'
      ? 0
      : delta === 'bottom'
        ? last
        : Math.min(last, Math.max(0, resolveIndex(latest, rowKeys) + delta));
  return stay(
    withCursor(s, s.view, {
      key: rowKeys[index],
      index,
      offset: scrollOffset(latest.offset, index, bodyHeight, total),
    }),
  );
}
