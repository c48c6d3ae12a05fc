import type { HistoryReach } from '../../../domain/events/history.js';
import type { Theme } from '../../../theme/index.js';
import { fit, formatClock, formatDuration } from '../../presenters/format.js';

/** Reaches within this of each other read as one ("from 12:01:02 on every host"). */
const SAME_START_MS = 5_000;

function hostPart(r: HistoryReach, now: number): string {
  if (r.error !== undefined) return `${r.host} not read (${r.error})`;
  const back = `${r.host} from ${formatClock(r.since)} (${formatDuration(now - r.since)})`;
  return r.complete ? back : `${back}, older dropped by the daemon`;
}

/**
 * How far back Events reach per host: the daemon history read at start (`--events-since`, the
 * fleet file's `eventsSince`), and where a daemon's buffer or an error cut it short.
 */
export function historyReachText(reach: readonly HistoryReach[], now: number): string {
  if (reach.length === 0) return 'history: live events only (no daemon history read)';
  const first = reach[0]!;
  const alike = reach.every(
    (r) => r.error === undefined && r.complete && Math.abs(r.since - first.since) <= SAME_START_MS,
  );
  if (alike)
    return `history: from ${formatClock(first.since)} (${formatDuration(now - first.since)} back) on ${reach.length === 1 ? first.host : `all ${reach.length} hosts`}`;
  return `history: ${reach.map((r) => hostPart(r, now)).join(' · ')}`;
}

export function historyReachLine(
  reach: readonly HistoryReach[],
  now: number,
  width: number,
  theme: Theme,
): string {
  const cut = reach.some((r) => r.error !== undefined || !r.complete);
  return theme.paint(fit(historyReachText(reach, now), width).trimEnd(), cut ? 'status.warn' : 'text.dim');
}
