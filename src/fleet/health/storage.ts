import type { DockerHostApi } from '../../docker/host-api.js';
import { parseBtrfsUsage } from '../../domain/health/btrfs.js';
import { parseDf } from '../../domain/health/df.js';
import { summariseDiskUsage } from '../../domain/health/disk-usage.js';
import {
  assessStorage,
  driverFamily,
  hostReadingsFor,
  type StorageReadings,
} from '../../domain/health/storage.js';
import {
  DEFAULT_USAGE_THRESHOLDS,
  type BtrfsUsage,
  type StorageHealth,
  type UsageThresholds,
} from '../../domain/health/types.js';
import { btrfsUsageCommand, dfCommand } from '../../domain/health/host-commands.js';
import { readRemote } from './remote-read.js';
import { systemClock, type Clock } from '../../util/clock.js';

export interface CollectStorageOptions {
  /** Also read `GET /system/df` (slow on big hosts: poll it on a slower cadence). Default true. */
  withDiskUsage?: boolean;
  commandTimeoutMs?: number;
  clock?: Pick<Clock, 'now'>;
}

function btrfsUsageOrUndefined(stdout: string): BtrfsUsage | undefined {
  const usage = parseBtrfsUsage(stdout);
  return usage.deviceSizeBytes === undefined && usage.data === undefined ? undefined : usage;
}

/**
 * Storage-driver health of one host: `GET /info`, then what the driver needs read on the host
 * itself (btrfs usage, or df of the data root), then `GET /system/df`. Rejects only when /info
 * fails (the host is unreachable); anything else it could not read is listed in `unread`.
 */
export async function collectStorageHealth(
  api: DockerHostApi,
  thresholds: UsageThresholds = DEFAULT_USAGE_THRESHOLDS,
  opts: CollectStorageOptions = {},
): Promise<StorageHealth> {
  const info = await api.info();
  const root = info.dockerRootDir;
  const needs = hostReadingsFor(driverFamily(info));
  const readings: StorageReadings = { unread: [] };
  const timeoutMs = opts.commandTimeoutMs;

  // One command at a time: hosts may allow few sessions per connection (MaxSessions).
  let needDf = needs.rootDf;
  if (needs.btrfsUsage) {
    const btrfs = await readRemote(
      api,
      {
        what: `btrfs allocation of ${root}`,
        program: 'btrfs',
        command: btrfsUsageCommand(root),
        timeoutMs,
      },
      btrfsUsageOrUndefined,
    );
    if (btrfs.ok) {
      readings.btrfsUsage = btrfs.value;
      needDf = false;
    } else {
      readings.unread.push(btrfs.unread);
      needDf = true;
    }
  }
  if (needDf) {
    const df = await readRemote(
      api,
      { what: `free space of ${root}`, program: 'df', command: dfCommand(root), timeoutMs },
      (stdout) => parseDf(stdout)[0],
    );
    if (df.ok) readings.rootFilesystem = df.value;
    else readings.unread.push(df.unread);
  }
  if (opts.withDiskUsage ?? true) {
    try {
      readings.diskUsage = summariseDiskUsage(await api.systemDf());
    } catch (err) {
      readings.unread.push({
        what: 'disk usage (GET /system/df)',
        reason: err instanceof Error ? err.message : String(err),
      });
    }
  }
  return assessStorage(api.name, info, readings, thresholds, (opts.clock ?? systemClock).now());
}
