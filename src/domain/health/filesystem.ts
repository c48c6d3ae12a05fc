import { formatBytes, formatPercent } from '../format/index.js';
import { levelForPercent } from './levels.js';
import type { DfRow, Finding, UsageThresholds } from './types.js';

/** Free space of the filesystem holding `path` (one `df -P -B1 <path>` row) against thresholds. */
export function filesystemFindings(host: string, path: string, df: DfRow, t: UsageThresholds): Finding[] {
  const usedPercent = df.capacityPercent;
  const level = levelForPercent(usedPercent, t);
  const summary =
    `${host}: filesystem holding ${path} (${df.filesystem} on ${df.mountedOn}) is ${formatPercent(usedPercent)} full ` +
    `(${formatBytes(df.availableBytes)} available of ${formatBytes(df.totalBytes)})`;
  if (level === 'ok') return [{ level, message: summary }];
  return [
    {
      level,
      message: `${summary} — prune unused images, containers and build cache (docker system prune) or grow the filesystem`,
    },
  ];
}
