import type { FleetEvent } from '../event.js';

/** How far back one host's history reaches, and whether the daemon had all of the asked span. */
export interface HistoryReach {
  host: string;
  /** Epoch ms: the start of what is known for this host. */
  since: number;
  /** False when the daemon's buffer had dropped older events: `since` is then its oldest event. */
  complete: boolean;
  events: number;
  /** Set when the history could not be read. */
  error?: string;
}

/** Dockerd keeps this many events in memory: a history that long was probably cut at its start. */
export const DAEMON_EVENT_BUFFER = 256;

function key(e: FleetEvent): string {
  return `${e.host}\u0000${e.time}\u0000${e.type}\u0000${e.action}\u0000${e.actorId}`;
}

/** Where a host's history starts: the asked `since`, or its oldest event when the buffer ran out. */
export function reachOf(host: string, askedSince: number, events: readonly FleetEvent[]): HistoryReach {
  const full = events.length >= DAEMON_EVENT_BUFFER;
  const oldest = events.reduce((m, e) => Math.min(m, e.time), Number.POSITIVE_INFINITY);
  return {
    host,
    since: full && Number.isFinite(oldest) ? oldest : askedSince,
    complete: !full,
    events: events.length,
  };
}

/**
 * History and live events as one list, newest first (the store's order), each event once: the
 * live stream may repeat what the history already had around the moment it was opened.
 */
export function mergeEvents(
  history: readonly FleetEvent[],
  live: readonly FleetEvent[],
  cap = Number.POSITIVE_INFINITY,
): FleetEvent[] {
  const seen = new Set<string>();
  const out: FleetEvent[] = [];
  for (const e of [...live, ...history].sort((a, b) => b.time - a.time)) {
    const k = key(e);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(e);
    if (out.length >= cap) break;
  }
  return out;
}

/** `15m`, `2h`, `90s`, `1h30m`, `0` → ms; undefined when it is not such a duration. */
export function parseSpan(text: string): number | undefined {
  if (text.trim() === '0') return 0;
  const m = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(text.trim());
  if (!m || text.trim() === '') return undefined;
  const [, h, mi, s] = m;
  return ((Number(h ?? 0) * 60 + Number(mi ?? 0)) * 60 + Number(s ?? 0)) * 1000;
}
