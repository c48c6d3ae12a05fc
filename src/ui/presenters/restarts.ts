import type { FleetEvent } from '../../domain/event.js';

/** `die` events per container in the events window, by host then container id. */
export type RestartCounts = ReadonlyMap<string, ReadonlyMap<string, number>>;

// The store replaces its events array on every event: counts are computed once per array, for
// every view and the alert line alike.
const counted = new WeakMap<readonly FleetEvent[], RestartCounts>();

export function restartCounts(events: readonly FleetEvent[]): RestartCounts {
  const known = counted.get(events);
  if (known) return known;
  const byHost = new Map<string, Map<string, number>>();
  for (const e of events) {
    if (e.type !== 'container' || e.action !== 'die') continue;
    let ids = byHost.get(e.host);
    if (!ids) byHost.set(e.host, (ids = new Map()));
    ids.set(e.actorId, (ids.get(e.actorId) ?? 0) + 1);
  }
  counted.set(events, byHost);
  return byHost;
}

/** Looked up by host then id: no `host/id` key string built per container (5,000 a frame at 100 hosts). */
export function restartsOf(counts: RestartCounts, c: { host: string; id: string }): number {
  return counts.get(c.host)?.get(c.id) ?? 0;
}
