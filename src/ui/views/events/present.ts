import type { FleetEvent } from '../../../domain/event.js';
import type { ThemeToken } from '../../../theme/index.js';
import type { CompiledFilter } from '../../presenters/filter.js';
import { formatClock, shortId } from '../../presenters/format.js';

export interface EventRow {
  key: string;
  time: string;
  host: string;
  what: string;
  target: string;
  detail: string;
  tone: ThemeToken;
}

function eventTone(e: FleetEvent): ThemeToken {
  const exitCode = e.attributes['exitCode'];
  if (e.action === 'oom' || e.action === 'kill' || (e.action === 'die' && exitCode !== '0'))
    return 'status.crit';
  if (e.action.includes('unhealthy')) return 'status.unhealthy';
  if (e.action.includes('healthy') || e.action === 'start') return 'status.healthy';
  if (e.action === 'stop' || e.action === 'destroy') return 'status.warn';
  return 'text.primary';
}

function eventDetail(e: FleetEvent): string {
  const parts: string[] = [];
  const exitCode = e.attributes['exitCode'];
  if (exitCode !== undefined) parts.push(`exit ${exitCode}${exitCode === '137' ? ' (SIGKILL/OOM)' : ''}`);
  const signal = e.attributes['signal'];
  if (signal !== undefined) parts.push(`signal ${signal}`);
  const image = e.attributes['image'];
  if (image !== undefined && e.type === 'container') parts.push(image);
  return parts.join(' · ');
}

/** Newest first (the store keeps them so); the key is stable while the event stays in the window. */
export function presentEvents(events: readonly FleetEvent[], filter?: CompiledFilter): EventRow[] {
  const rows: EventRow[] = [];
  events.forEach((e, index) => {
    const row: EventRow = {
      key: `${e.host}/${e.time}/${e.actorId}/${e.action}/${events.length - index}`,
      time: formatClock(e.time),
      host: e.host,
      what: `${e.type} ${e.action}`,
      target: e.attributes['name'] ?? shortId(e.actorId),
      detail: eventDetail(e),
      tone: eventTone(e),
    };
    if (filter && !filter.test(`${row.host} ${row.what} ${row.target} ${row.detail}`)) return;
    rows.push(row);
  });
  return rows;
}
