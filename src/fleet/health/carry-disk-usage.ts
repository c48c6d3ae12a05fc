import { diskUsageFindings } from '../../domain/health/disk-usage.js';
import { verdictOf } from '../../domain/health/levels.js';
import type { DiskUsageSummary, StorageHealth, Unread } from '../../domain/health/types.js';

/** What the last `GET /system/df` gave for one host: its summary, or why it could not be read. */
export interface DiskUsageMemo {
  summary?: DiskUsageSummary;
  unread?: Unread;
}

const DISK_USAGE_WHAT = 'disk usage (GET /system/df)';

/**
 * `/system/df` is read far less often than the rest of a storage check. A check that read it
 * updates `memo`; one that did not gets the last reading (and its findings) carried over, so the
 * view does not blink between "with" and "without" system df.
 */
export function carryDiskUsage(health: StorageHealth, readNow: boolean, memo: DiskUsageMemo): StorageHealth {
  if (readNow) {
    memo.summary = health.diskUsage;
    memo.unread = health.diskUsage ? undefined : health.unread.find((u) => u.what === DISK_USAGE_WHAT);
    return health;
  }
  if (health.diskUsage) return health;
  if (memo.summary) {
    const findings = [...health.findings, ...diskUsageFindings(health.host, memo.summary)];
    return { ...health, diskUsage: memo.summary, findings, verdict: verdictOf(findings) };
  }
  if (memo.unread) return { ...health, unread: [...health.unread, memo.unread] };
  return health;
}
