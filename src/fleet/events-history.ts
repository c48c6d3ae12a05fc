import type { DockerHostApi } from '../docker/host-api.js';
import { readEventHistory } from '../docker/resources/event-history.js';
import type { FleetEvent } from '../domain/event.js';
import { reachOf, type HistoryReach } from '../domain/events/history.js';
import { problemOf } from './problem.js';

export const DEFAULT_HISTORY_MS = 15 * 60_000;

export interface FleetHistory {
  /** Every host's recorded events, newest first. */
  events: FleetEvent[];
  /** Per host: how far back it reaches (or why it could not be read). */
  reach: HistoryReach[];
}

/**
 * Each daemon's recent history (`GET /events?since&until`), side by side: what happened before
 * fleetdeck started (a container restarted a minute ago shows up in Events). A host that does not
 * answer has an `error` reach and no events; its live stream still comes when it is up.
 */
export async function loadFleetHistory(
  apis: readonly DockerHostApi[],
  opts: { now: number; spanMs?: number },
): Promise<FleetHistory> {
  const since = opts.now - (opts.spanMs ?? DEFAULT_HISTORY_MS);
  const results = await Promise.allSettled(
    apis.map((api) => readEventHistory(api, since / 1000, opts.now / 1000)),
  );
  const events: FleetEvent[] = [];
  const reach: HistoryReach[] = [];
  results.forEach((r, i) => {
    const host = apis[i]!.name;
    if (r.status === 'fulfilled') {
      events.push(...r.value);
      reach.push(reachOf(host, since, r.value));
    } else {
      reach.push({
        host,
        since: opts.now,
        complete: false,
        events: 0,
        error: problemOf(host, r.reason).message,
      });
    }
  });
  return { events: events.sort((a, b) => b.time - a.time), reach };
}
