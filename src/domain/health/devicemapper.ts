import { formatBytes, formatPercent, percentOf } from '../format/index.js';
import { parseByteSize } from './bytes.js';
import { nonEmpty, parseBoolText, rowsByLabel, type RowLookup } from './driver-status.js';
import { levelForPercent } from './levels.js';
import type { DevicemapperStatus, Finding, SpaceUsage, Unread, UsageThresholds } from './types.js';

/** Rows without which a devicemapper verdict is guesswork. */
const NEEDED_ROWS = [
  'Data Space Used',
  'Data Space Total',
  'Data Space Available',
  'Metadata Space Used',
  'Metadata Space Total',
  'Metadata Space Available',
  'Thin Pool Minimum Free Space',
] as const;

function space(row: RowLookup, prefix: 'Data' | 'Metadata'): SpaceUsage {
  const usedBytes = parseByteSize(row(`${prefix} Space Used`));
  const totalBytes = parseByteSize(row(`${prefix} Space Total`));
  const availableBytes = parseByteSize(row(`${prefix} Space Available`));
  return { usedBytes, totalBytes, availableBytes, usedPercent: percentOf(usedBytes, totalBytes) };
}

/** Reads devicemapper's DriverStatus rows; absent or unreadable rows stay undefined, never 0. */
export function parseDevicemapperStatus(rows: ReadonlyArray<readonly [string, string]>): DevicemapperStatus {
  const row = rowsByLabel(rows);
  const dataLoopFile = nonEmpty(row('Data loop file'));
  // Truncated pastes may lack the loop-file rows but still show `Data file: /dev/loopN`.
  const dataFile = nonEmpty(row('Data file'));
  return {
    poolName: nonEmpty(row('Pool Name')),
    poolBlocksizeBytes: parseByteSize(row('Pool Blocksize')),
    baseDeviceSizeBytes: parseByteSize(row('Base Device Size')),
    backingFilesystem: nonEmpty(row('Backing Filesystem')),
    data: space(row, 'Data'),
    metadata: space(row, 'Metadata'),
    thinPoolMinimumFreeBytes: parseByteSize(row('Thin Pool Minimum Free Space')),
    loopLvm: dataLoopFile !== undefined || (dataFile?.startsWith('/dev/loop') ?? false),
    dataLoopFile,
    metadataLoopFile: nonEmpty(row('Metadata loop file')),
    udevSyncSupported: parseBoolText(row('Udev Sync Supported')),
    deferredRemovalEnabled: parseBoolText(row('Deferred Removal Enabled')),
    deferredDeletionEnabled: parseBoolText(row('Deferred Deletion Enabled')),
    missingRows: NEEDED_ROWS.filter((label) => parseByteSize(row(label)) === undefined),
  };
}

export interface Assessment {
  findings: Finding[];
  unread: Unread[];
}

function dataFindings(host: string, s: DevicemapperStatus, t: UsageThresholds): Finding[] {
  const { usedBytes, totalBytes, availableBytes } = s.data;
  const minFree = s.thinPoolMinimumFreeBytes;
  if (availableBytes !== undefined && minFree !== undefined && availableBytes < minFree) {
    // Loop files: Available = min(Total − Used, free space of the filesystem holding the file).
    const limitedByBackingFs =
      s.loopLvm &&
      usedBytes !== undefined &&
      totalBytes !== undefined &&
      availableBytes < totalBytes - usedBytes;
    const why = limitedByBackingFs
      ? ` (the pool itself holds only ${formatBytes(usedBytes)}, but the filesystem holding ${s.dataLoopFile ?? 'its loop file'} is nearly full)`
      : '';
    return [
      {
        level: 'crit',
        message:
          `${host}: devicemapper thin pool data space available ${formatBytes(availableBytes)} is below the pool's ` +
          `minimum free space ${formatBytes(minFree)}${why} — image pulls and container creates will fail; ` +
          (limitedByBackingFs
            ? 'free space on that filesystem or prune images'
            : 'extend the pool or prune images'),
      },
    ];
  }
  if (availableBytes === undefined || totalBytes === undefined || totalBytes <= 0) return [];
  // What is no longer available, whether written to the pool or taken from a loop file's filesystem.
  const committedPercent = ((totalBytes - availableBytes) / totalBytes) * 100;
  const level = levelForPercent(committedPercent, t);
  const usage = `${formatBytes(availableBytes)} of ${formatBytes(totalBytes)} available`;
  if (level === 'ok') {
    return [
      {
        level,
        message: `${host}: devicemapper data space ${formatPercent(committedPercent)} used (${usage})`,
      },
    ];
  }
  const floor = minFree === undefined ? '' : `; pulls and creates fail below ${formatBytes(minFree)}`;
  return [
    {
      level,
      message:
        `${host}: devicemapper data space ${formatPercent(committedPercent)} used (${usage}${floor}) — ` +
        'prune unused images and containers or extend the pool',
    },
  ];
}

function metadataFindings(host: string, s: DevicemapperStatus, t: UsageThresholds): Finding[] {
  const { totalBytes, availableBytes, usedPercent } = s.metadata;
  const minFree = s.thinPoolMinimumFreeBytes;
  const dataTotal = s.data.totalBytes;
  // The daemon applies the same dm.min_free_space percentage to metadata as to data.
  if (availableBytes !== undefined && totalBytes !== undefined && minFree !== undefined && dataTotal) {
    const metadataMinFree = (totalBytes * minFree) / dataTotal;
    if (availableBytes < metadataMinFree) {
      return [
        {
          level: 'crit',
          message:
            `${host}: devicemapper metadata space available ${formatBytes(availableBytes)} is below the pool's ` +
            `minimum ${formatBytes(metadataMinFree)} — image pulls and container creates will fail; ` +
            'extend the pool metadata (lvextend --poolmetadatasize) or remove unused containers and images',
        },
      ];
    }
  }
  if (usedPercent === undefined) return [];
  const level = levelForPercent(usedPercent, t);
  const usage = `${formatBytes(s.metadata.usedBytes ?? 0)} of ${formatBytes(totalBytes ?? 0)}`;
  if (level === 'ok') {
    return [
      {
        level,
        message: `${host}: devicemapper metadata space ${formatPercent(usedPercent)} used (${usage})`,
      },
    ];
  }
  return [
    {
      level,
      message:
        `${host}: devicemapper metadata space ${formatPercent(usedPercent)} used (${usage}) — a full metadata ` +
        'volume turns the pool read-only; extend it (lvextend --poolmetadatasize) or remove unused containers',
    },
  ];
}

/** Findings for a devicemapper host; rows the daemon did not give are reported as unread, not as zero. */
export function assessDevicemapper(host: string, s: DevicemapperStatus, t: UsageThresholds): Assessment {
  const findings = [...dataFindings(host, s, t), ...metadataFindings(host, s, t)];
  if (s.loopLvm) {
    findings.push({
      level: 'warn',
      message:
        `${host}: devicemapper runs on loop-lvm (sparse file ${s.dataLoopFile ?? 'on a loop device'}), ` +
        'which is unsuitable for production — slow, and it can fill the filesystem under the data root unnoticed; ' +
        'configure direct-lvm (dm.thinpooldev) or move to overlay2',
    });
  }
  if (s.udevSyncSupported === false) {
    findings.push({
      level: 'warn',
      message:
        `${host}: devicemapper reports udev sync unsupported — device removal can race and leave devices busy; ` +
        'use a dynamically linked Docker build',
    });
  }
  const unread = s.missingRows.map((label) => ({
    what: `devicemapper ${label}`,
    reason: 'the daemon did not report this row',
  }));
  return { findings, unread };
}
