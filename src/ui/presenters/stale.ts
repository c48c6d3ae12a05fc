import type { HostStatus } from '../../domain/host.js';
import { formatDuration } from './format.js';

/**
 * `stale 40s` for each host whose data on screen is from its last answer (it stopped answering):
 * its containers, usage and health readings may no longer be true.
 */
export function staleMarks(hosts: readonly HostStatus[], now: number): ReadonlyMap<string, string> {
  const marks = new Map<string, string>();
  for (const h of hosts) {
    if (!h.stale) continue;
    const since = h.lastSeenAt ?? h.since;
    marks.set(h.name, `stale ${formatDuration(Math.max(0, now - since))}`);
  }
  return marks;
}

/** Rows of hosts that stopped answering carry their host's mark. */
export function markStale<Row extends { host: string }>(
  rows: readonly Row[],
  marks: ReadonlyMap<string, string>,
): Row[] {
  if (marks.size === 0) return rows as Row[];
  return rows.map((r) => {
    const stale = marks.get(r.host);
    return stale ? { ...r, stale } : r;
  });
}
