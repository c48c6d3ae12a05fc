import type { EngineKind } from '../engine.js';
import type { SystemDf } from '../info.js';
import { formatBytes } from '../format/index.js';
import type { DiskUsageSummary, Finding } from './types.js';

/** Totals of `GET /system/df`. */
export function summariseDiskUsage(df: SystemDf): DiskUsageSummary {
  const entries = [df.images, df.containers, df.volumes, df.buildCache];
  return {
    df,
    totalBytes: entries.reduce((sum, e) => sum + e.sizeBytes, 0),
    reclaimableBytes: entries.reduce((sum, e) => sum + e.reclaimableBytes, 0),
  };
}

/** What pruning would give back, in words; never worse than `ok` (it is advice, not trouble). */
export function diskUsageFindings(
  host: string,
  s: DiskUsageSummary,
  engine: EngineKind = 'docker',
): Finding[] {
  if (s.reclaimableBytes <= 0) return [];
  const parts = (
    [
      ['images', s.df.images],
      ['containers', s.df.containers],
      ['volumes', s.df.volumes],
      ['build cache', s.df.buildCache],
    ] as const
  )
    .filter(([, e]) => e.reclaimableBytes > 0)
    .map(([name, e]) => `${name} ${formatBytes(e.reclaimableBytes)}`);
  return [
    {
      level: 'ok',
      message: `${host}: ${formatBytes(s.reclaimableBytes)} reclaimable (${parts.join(', ')}) — ${engine} system prune frees unused data`,
    },
  ];
}
