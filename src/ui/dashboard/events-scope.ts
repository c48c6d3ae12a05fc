import type { EventFilter } from '../../domain/events/event-filter.js';
import { withCursor } from './nav.js';
import { FIRST_CURSOR, type DashboardState, type KeyContext } from './state.js';

/** `:events …` sets (or clears) the Events view's filter; a host or role the fleet lacks is warned of. */
export function eventsScope(
  s: DashboardState,
  filter: EventFilter | undefined,
  ctx: KeyContext,
): DashboardState {
  const next = withCursor({ ...s, eventFilter: filter }, 'events', FIRST_CURSOR);
  const unknown = [
    ...(filter?.hosts ?? []).filter((h) => !ctx.hosts.includes(h)).map((h) => `no host named "${h}"`),
    ...(filter?.roles ?? [])
      .filter((r) => !ctx.completion.roles.includes(r))
      .map((r) => `no role named "${r}"`),
  ];
  return unknown.length > 0
    ? { ...next, message: { text: `${unknown.join(', ')} in the fleet now`, tone: 'status.warn' } }
    : next;
}
