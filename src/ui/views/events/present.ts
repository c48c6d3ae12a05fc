import type { Container } from '../../../domain/container.js';
import type { FleetEvent } from '../../../domain/event.js';
import { matchesEventFilter, type EventFilter } from '../../../domain/events/event-filter.js';
import { decodedExits, exitText } from '../../../domain/events/exit-text.js';
import { roleOf } from '../../../domain/role.js';
import type { DecodedExit } from '../../../domain/signals.js';
import type { ThemeToken } from '../../../theme/index.js';
import type { CompiledFilter } from '../../presenters/filter.js';
import { formatClock, shortId } from '../../presenters/format.js';

export interface EventRow {
  key: string;
  time: string;
  host: string;
  what: string;
  target: string;
  role: string;
  detail: string;
  tone: ThemeToken;
}

function eventTone(e: FleetEvent, exit: DecodedExit | undefined): ThemeToken {
  if (e.action === 'oom' || e.action === 'kill' || (exit && exit.kind !== 'ok')) return 'status.crit';
  if (e.action.includes('unhealthy')) return 'status.unhealthy';
  if (e.action.includes('healthy') || e.action === 'start') return 'status.healthy';
  if (e.action === 'stop' || e.action === 'destroy') return 'status.warn';
  return 'text.primary';
}

function eventDetail(e: FleetEvent, exit: DecodedExit | undefined): string {
  const parts: string[] = [];
  const exitCode = e.attributes['exitCode'];
  if (exit) parts.push(exitText(exit));
  else if (exitCode !== undefined) parts.push(`exit ${exitCode}`);
  const signal = e.attributes['signal'];
  if (signal !== undefined) parts.push(`signal ${signal}`);
  const image = e.attributes['image'];
  if (image !== undefined && e.type === 'container') parts.push(image);
  return parts.join(' · ');
}

export interface EventsScope {
  /** `:events role=web die` */
  eventFilter?: EventFilter | undefined;
  /** The fleet's containers: an event's role is its container's (the role label as configured). */
  containers?: readonly Container[];
}

/** The role of a container event: its container's if still listed, else from the event's labels. */
function roleResolver(containers: readonly Container[]): (e: FleetEvent) => string | undefined {
  const byKey = new Map(containers.map((c) => [`${c.host}/${c.id}`, c.role]));
  return (e) => {
    if (e.type !== 'container') return undefined;
    return byKey.get(`${e.host}/${e.actorId}`) ?? roleOf(e.attributes['name'] ?? e.actorId, e.attributes);
  };
}

/** Newest first (the store keeps them so); the key is stable while the event stays in the window. */
export function presentEvents(
  events: readonly FleetEvent[],
  filter?: CompiledFilter,
  scope: EventsScope = {},
): EventRow[] {
  const exits = decodedExits(events);
  const roleOfEvent = roleResolver(scope.containers ?? []);
  const rows: EventRow[] = [];
  events.forEach((e, index) => {
    const role = roleOfEvent(e);
    if (scope.eventFilter && !matchesEventFilter(scope.eventFilter, e, role)) return;
    const exit = exits.get(e);
    const row: EventRow = {
      key: `${e.host}/${e.time}/${e.actorId}/${e.action}/${events.length - index}`,
      time: formatClock(e.time),
      host: e.host,
      what: `${e.type} ${e.action}`,
      target: e.attributes['name'] ?? shortId(e.actorId),
      role: role ?? '',
      detail: eventDetail(e, exit),
      tone: eventTone(e, exit),
    };
    if (filter && !filter.test(`${row.host} ${row.what} ${row.target} ${row.role} ${row.detail}`)) return;
    rows.push(row);
  });
  return rows;
}
