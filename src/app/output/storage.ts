import type { HostStatus } from '../../domain/host.js';
import { formatBytes, percentSuffix as pct } from '../../domain/format/index.js';
import type { StorageDetail, StorageHealth } from '../../domain/health/types.js';
import { renderModeTable, type ColumnSpec, type TableOptions } from './table.js';

export type StorageRow = { host: string; health?: StorageHealth; problem?: HostStatus['problem'] };

/** "used of total (N%)" of the space that decides the verdict for this driver. */
export function mainSpace(detail: StorageDetail): string {
  switch (detail.kind) {
    case 'devicemapper': {
      const d = detail.status.data;
      return d.usedBytes !== undefined && d.totalBytes !== undefined
        ? `data ${formatBytes(d.usedBytes)} of ${formatBytes(d.totalBytes)}${pct(d.usedBytes, d.totalBytes)}`
        : 'data space unknown';
    }
    case 'btrfs': {
      const u = detail.usage;
      if (u?.deviceAllocatedBytes !== undefined && u.deviceSizeBytes !== undefined) {
        return `allocated ${formatBytes(u.deviceAllocatedBytes)} of ${formatBytes(u.deviceSizeBytes)}${pct(u.deviceAllocatedBytes, u.deviceSizeBytes)}`;
      }
      return detail.filesystem ? dfText(detail.filesystem) : 'allocation unknown';
    }
    default:
      return detail.filesystem ? dfText(detail.filesystem) : 'free space unknown';
  }
}

function dfText(fs: { usedBytes: number; totalBytes: number; capacityPercent: number }): string {
  return `${formatBytes(fs.usedBytes)} of ${formatBytes(fs.totalBytes)} (${fs.capacityPercent}%)`;
}

const STORAGE_COLUMNS: readonly ColumnSpec[] = [
  { header: 'HOST', max: 24, wideMax: 48 },
  { header: 'DRIVER', max: 24, wideMax: 32 },
  { header: 'VERDICT', max: 12, wideMax: 12 },
  { header: 'ROOT', max: 40, wideMax: 80, wideOnly: true },
  { header: 'SPACE', max: 48, wideMax: 64 },
  { header: 'FINDINGS', max: 160, wideMax: 600 },
];

/** The table; `-o wide` adds Docker's root dir and lists the findings at ok level too. */
export function storageTable(
  rows: readonly StorageRow[],
  opts: TableOptions & { wide?: boolean } = {},
): string {
  const lines = rows.map((r) => {
    if (!r.health) return [r.host, '-', 'unreachable', '-', '-', r.problem?.message ?? ''];
    const h = r.health;
    const shown = h.findings.filter((f) => opts.wide || f.level !== 'ok').map((f) => f.message);
    const unread = h.unread.map((u) => `could not read ${u.what}: ${u.reason}`);
    return [
      r.host,
      h.driver,
      h.verdict,
      h.dockerRootDir,
      mainSpace(h.detail),
      [...shown, ...unread].join('; ') || 'ok',
    ];
  });
  return renderModeTable(Boolean(opts.wide), STORAGE_COLUMNS, lines, opts);
}

/** Stable machine output of `fleetdeck storage --json`. */
export function storageJson(rows: readonly StorageRow[]) {
  return rows.map((r) =>
    r.health
      ? { reachable: true, ...r.health, checkedAt: new Date(r.health.checkedAt).toISOString() }
      : { host: r.host, reachable: false, reason: r.problem ?? null },
  );
}
