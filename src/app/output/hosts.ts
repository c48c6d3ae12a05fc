import { engineLabel } from '../../domain/engine.js';
import type { HostStatus } from '../../domain/host.js';
import { formatDuration } from '../../domain/format/index.js';
import { renderModeTable, type ColumnSpec, type TableOptions } from './table.js';

/** Stable machine output of `fleetdeck hosts --json`: one object per host, fleet-file order. */
export function hostsJson(hosts: readonly HostStatus[]) {
  return hosts.map((h) => ({
    name: h.name,
    group: h.group ?? null,
    address: h.address,
    state: h.state,
    reason: h.problem ? { code: h.problem.code, message: h.problem.message } : null,
    warning: h.warning ?? null,
    since: new Date(h.since).toISOString(),
    // `dockerVersion` stays for scripts that read it: the engine's version, Podman's on a Podman host.
    dockerVersion: h.docker?.serverVersion ?? null,
    engine: h.docker ? (h.docker.engine ?? 'docker') : null,
    engineVersion: h.docker?.serverVersion ?? null,
    apiVersion: h.docker?.apiVersion ?? null,
    storageDriver: h.docker?.storageDriver ?? null,
    containers: h.docker
      ? { running: h.docker.containersRunning ?? 0, total: h.docker.containersTotal ?? 0 }
      : null,
    latencyMs: h.latencyMs === undefined ? null : Math.round(h.latencyMs * 10) / 10,
    // When the Docker daemon last answered; stale: what is shown for the host predates its problem.
    lastSeenAt: h.lastSeenAt === undefined ? null : new Date(h.lastSeenAt).toISOString(),
    stale: h.stale ?? false,
  }));
}

const HOST_COLUMNS: readonly ColumnSpec[] = [
  { header: 'HOST', max: 32, wideMax: 64 },
  { header: 'GROUP', max: 16, wideMax: 32 },
  { header: 'ADDRESS', max: 48, wideMax: 96, wideOnly: true },
  { header: 'STATE', max: 24, wideMax: 24 },
  { header: 'ENGINE', max: 24, wideMax: 32 },
  { header: 'API', max: 8, wideMax: 8 },
  { header: 'STORAGE', max: 16, wideMax: 24 },
  { header: 'OS/ARCH', max: 24, wideMax: 48, wideOnly: true },
  { header: 'CONTAINERS', max: 12, wideMax: 12 },
  { header: 'LATENCY', max: 10, wideMax: 10 },
  { header: 'REASON', max: 120, wideMax: 400 },
];

export function hostsTable(
  hosts: readonly HostStatus[],
  now: number,
  opts: TableOptions & { wide?: boolean } = {},
): string {
  const rows = hosts.map((h) => [
    h.name,
    h.group ?? '-',
    h.address,
    h.state === 'up' ? 'up' : `${h.state} ${formatDuration(now - h.since)}`,
    engineLabel(h.docker),
    h.docker?.apiVersion ?? '-',
    h.docker?.storageDriver ?? '-',
    h.docker?.os ? `${h.docker.os}/${h.docker.arch ?? '?'}` : '-',
    h.docker ? `${h.docker.containersRunning ?? 0}/${h.docker.containersTotal ?? 0}` : '-',
    h.latencyMs === undefined ? '-' : `${h.latencyMs.toFixed(1)}ms`,
    h.problem?.message ?? (h.warning ? `WARNING: ${h.warning}` : ''),
  ]);
  return renderModeTable(Boolean(opts.wide), HOST_COLUMNS, rows, opts);
}
