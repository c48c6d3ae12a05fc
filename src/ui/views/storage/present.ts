import type {
  DfRow,
  HealthLevel,
  HostVitals,
  SpaceUsage,
  StorageDetail,
  StorageHealth,
} from '../../../domain/health/types.js';
import type { SystemDfEntry } from '../../../domain/info.js';
import type { HostStateKind, HostStatus } from '../../../domain/host.js';
import type { ThemeToken } from '../../../theme/index.js';
import type { LocalVitals } from '../../types.js';
import type { ExternalAlert } from '../../presenters/alerts.js';
import type { CompiledFilter } from '../../presenters/filter.js';
import { formatBytes } from '../../../domain/format/index.js';
import { formatDuration } from '../../presenters/format.js';

export type Figure = [label: string, value: string];

/** One host's block in the Storage view. */
export interface StorageBlock {
  key: string;
  host: string;
  hostState: HostStateKind;
  driver: string;
  /** `unknown` until the first check of the host came back. */
  verdict: HealthLevel | 'unknown';
  tone: ThemeToken;
  /** "checked 12s ago", or why there is nothing. */
  checked: string;
  /** The main space figures of the driver (data/metadata, chunks, backing filesystem…). */
  figures: Figure[];
  /** Findings in words, worst first. */
  findings: Array<{ text: string; tone: ThemeToken }>;
  /** What could not be read and why. */
  unread: string[];
  /** `GET /system/df`: images, containers, volumes, build cache, reclaimable. */
  diskUsage: Figure[];
  /** The host itself, read over its SSH connection: load, memory, filesystems. */
  vitals: Figure[];
}

export const VERDICT_TONE: Record<HealthLevel | 'unknown', ThemeToken> = {
  ok: 'status.healthy',
  warn: 'status.warn',
  crit: 'status.crit',
  unknown: 'text.dim',
};

const RANK: Record<HealthLevel, number> = { crit: 0, warn: 1, ok: 2 };

function pct(used: number | undefined, total: number | undefined): string {
  return used !== undefined && total ? ` (${Math.round((used / total) * 100)}%)` : '';
}

function space(s: SpaceUsage): string {
  if (s.usedBytes === undefined && s.totalBytes === undefined && s.availableBytes === undefined)
    return 'not reported';
  const parts = [
    `${formatBytes(s.usedBytes)} of ${formatBytes(s.totalBytes)}${pct(s.usedBytes, s.totalBytes)}`,
  ];
  if (s.availableBytes !== undefined) parts.push(`${formatBytes(s.availableBytes)} available`);
  return parts.join(', ');
}

function df(row: DfRow): string {
  return `${formatBytes(row.usedBytes)} of ${formatBytes(row.totalBytes)} (${row.capacityPercent}%), ${formatBytes(row.availableBytes)} free on ${row.mountedOn}`;
}

function yesNo(v: boolean | undefined): string {
  return v === undefined ? 'not reported' : v ? 'yes' : 'NO';
}

/** The space figures that matter for a driver, as label/value pairs. */
export function storageFigures(detail: StorageDetail): Figure[] {
  switch (detail.kind) {
    case 'devicemapper': {
      const s = detail.status;
      const figures: Figure[] = [
        ['mode', s.loopLvm ? 'loop-lvm (sparse loop files: not for production)' : 'direct-lvm'],
        ['data', space(s.data)],
        ['metadata', space(s.metadata)],
        [
          'min free',
          s.thinPoolMinimumFreeBytes === undefined ? 'not reported' : formatBytes(s.thinPoolMinimumFreeBytes),
        ],
      ];
      if (s.poolName) figures.push(['pool', s.poolName]);
      return figures;
    }
    case 'btrfs': {
      const u = detail.usage;
      const figures: Figure[] = [];
      if (u) {
        figures.push([
          'device',
          `${formatBytes(u.deviceAllocatedBytes)} of ${formatBytes(u.deviceSizeBytes)} allocated${pct(u.deviceAllocatedBytes, u.deviceSizeBytes)}, ${formatBytes(u.deviceUnallocatedBytes)} unallocated`,
        ]);
        for (const [label, chunk] of [
          ['data', u.data],
          ['metadata', u.metadata],
        ] as const) {
          figures.push([
            label,
            chunk
              ? `${formatBytes(chunk.usedBytes)} used of ${formatBytes(chunk.sizeBytes)} in chunks${pct(chunk.usedBytes, chunk.sizeBytes)}, ${chunk.profile}`
              : 'not reported',
          ]);
        }
        if (u.freeEstimatedBytes !== undefined)
          figures.push(['free (est.)', formatBytes(u.freeEstimatedBytes)]);
      }
      if (detail.filesystem) figures.push(['filesystem', df(detail.filesystem)]);
      return figures;
    }
    case 'overlay': {
      const s = detail.status;
      const figures: Figure[] = [
        ['backing fs', s.backingFilesystem ?? 'not reported'],
        ['d_type', yesNo(s.supportsDType)],
      ];
      if (detail.filesystem) figures.push(['free', df(detail.filesystem)]);
      return figures;
    }
    case 'containerd-snapshotter':
      return [
        ['snapshotter', detail.snapshotter ?? 'not reported'],
        ...(detail.filesystem ? [['free', df(detail.filesystem)] as Figure] : []),
      ];
    case 'other':
      return detail.filesystem ? [['free', df(detail.filesystem)]] : [];
  }
}

function dfEntry(e: SystemDfEntry): string {
  return `${e.count} (${e.active} active), ${formatBytes(e.sizeBytes)}, ${formatBytes(e.reclaimableBytes)} reclaimable`;
}

function diskUsageFigures(h: StorageHealth): Figure[] {
  const u = h.diskUsage;
  if (!u) return [];
  return [
    ['images', dfEntry(u.df.images)],
    ['containers', dfEntry(u.df.containers)],
    ['volumes', dfEntry(u.df.volumes)],
    ['build cache', dfEntry(u.df.buildCache)],
    ['reclaimable', `${formatBytes(u.reclaimableBytes)} of ${formatBytes(u.totalBytes)}`],
  ];
}

/** Findings without the leading "host: " (the block already names the host), worst first. */
function findingLines(h: StorageHealth): StorageBlock['findings'] {
  return [...h.findings]
    .map((f, i) => ({ f, i }))
    .sort((a, b) => RANK[a.f.level] - RANK[b.f.level] || a.i - b.i)
    .map(({ f }) => ({
      text: f.message.startsWith(`${h.host}: `) ? f.message.slice(h.host.length + 2) : f.message,
      tone: VERDICT_TONE[f.level],
    }));
}

/** Load, memory and filesystems of a host as figures; what could not be read says so. */
export function vitalsFigures(v: HostVitals | undefined): Figure[] {
  if (!v) return [];
  const figures: Figure[] = [];
  if (v.load) {
    const cpus = v.cpuCount ? ` on ${v.cpuCount} CPUs` : '';
    figures.push([
      'load',
      `${v.load.one.toFixed(2)} ${v.load.five.toFixed(2)} ${v.load.fifteen.toFixed(2)}${cpus}`,
    ]);
  }
  if (v.memory) {
    const used = v.memory.totalBytes - v.memory.availableBytes;
    figures.push([
      'memory',
      `${formatBytes(used)} of ${formatBytes(v.memory.totalBytes)}${pct(used, v.memory.totalBytes)} used`,
    ]);
  }
  for (const f of v.filesystems) figures.push([`disk ${f.mountedOn}`, df(f)]);
  for (const u of v.unread) figures.push(['unread', `${u.what}: ${u.reason}`]);
  return figures;
}

export function presentStorageBlock(
  host: HostStatus,
  health: StorageHealth | undefined,
  now: number,
  vitals?: HostVitals,
): StorageBlock {
  const base = { key: host.name, host: host.name, hostState: host.state, vitals: vitalsFigures(vitals) };
  if (!health) {
    return {
      ...base,
      driver: host.docker?.storageDriver ?? '-',
      verdict: 'unknown',
      tone: VERDICT_TONE.unknown,
      checked:
        host.state === 'up'
          ? 'not checked yet'
          : `host ${host.state}${host.problem ? `: ${host.problem.message}` : ''}`,
      figures: [],
      findings: [],
      unread: [],
      diskUsage: [],
    };
  }
  const stale = host.state === 'up' ? '' : ` (host ${host.state}: last known)`;
  return {
    ...base,
    driver: health.driver,
    verdict: health.verdict,
    tone: VERDICT_TONE[health.verdict],
    checked: `checked ${formatDuration(now - health.checkedAt)} ago${stale}`,
    figures: storageFigures(health.detail),
    findings: findingLines(health),
    unread: health.unread.map((u) => `${u.what}: ${u.reason}`),
    diskUsage: diskUsageFigures(health),
  };
}

/** One block per host in fleet order; hosts never checked (or unreachable) are shown, not dropped. */
export function presentStorage(
  hosts: readonly HostStatus[],
  storage: ReadonlyMap<string, StorageHealth> | undefined,
  now: number,
  filter?: CompiledFilter,
  vitals?: ReadonlyMap<string, HostVitals>,
): StorageBlock[] {
  const blocks = hosts.map((h) => presentStorageBlock(h, storage?.get(h.name), now, vitals?.get(h.name)));
  if (!filter) return blocks;
  return blocks.filter((b) =>
    filter.test([b.host, b.driver, b.verdict, ...b.findings.map((f) => f.text), ...b.unread].join(' ')),
  );
}

/** The hosts view's STORAGE verdict cell. */
export function storageVerdictCell(health: StorageHealth | undefined): { text: string; tone: ThemeToken } {
  if (!health) return { text: '-', tone: 'text.dim' };
  const unread = health.unread.length > 0 ? '?' : '';
  return { text: `${health.verdict}${unread}`, tone: VERDICT_TONE[health.verdict] };
}

/** Storage findings at warn or crit, for the wallboard's alerts strip. */
export function storageAlerts(storage: ReadonlyMap<string, StorageHealth> | undefined): ExternalAlert[] {
  const alerts: ExternalAlert[] = [];
  for (const h of storage?.values() ?? []) {
    for (const f of h.findings) {
      if (f.level === 'ok') continue;
      // Findings already start with the host's name; the strip adds it only when `host` is set.
      alerts.push({ severity: f.level, text: f.message, kind: 'storage' });
    }
  }
  return alerts;
}

/** The side panel's figures from the store's local vitals (root filesystem, else the first). */
export function localVitalsOf(v: HostVitals | undefined): LocalVitals | undefined {
  if (!v?.load || !v.memory) return undefined;
  const disk = v.filesystems.find((f) => f.mountedOn === '/') ?? v.filesystems[0];
  return {
    load1: v.load.one,
    load5: v.load.five,
    load15: v.load.fifteen,
    memUsedBytes: v.memory.totalBytes - v.memory.availableBytes,
    memTotalBytes: v.memory.totalBytes,
    diskUsedBytes: disk?.usedBytes ?? 0,
    diskTotalBytes: disk?.totalBytes ?? 0,
  };
}
