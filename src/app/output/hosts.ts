import type { HostStatus } from '../../domain/host.js';
import { shortAge } from './duration.js';
import { renderTable } from './table.js';

/** Stable machine output of `fleetdeck hosts --json`: one object per host, fleet-file order. */
export function hostsJson(hosts: readonly HostStatus[]) {
  return hosts.map((h) => ({
    name: h.name,
    group: h.group ?? null,
    address: h.address,
    state: h.state,
    reason: h.problem ? { code: h.problem.code, message: h.problem.message } : null,
    since: new Date(h.since).toISOString(),
    dockerVersion: h.docker?.serverVersion ?? null,
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

export function hostsTable(hosts: readonly HostStatus[], now: number): string {
  const rows = hosts.map((h) => [
    h.name,
    h.group ?? '-',
    h.state === 'up' ? 'up' : `${h.state} ${shortAge(now - h.since)}`,
    h.docker?.serverVersion ?? '-',
    h.docker?.apiVersion ?? '-',
    h.docker?.storageDriver ?? '-',
    h.docker ? `${h.docker.containersRunning ?? 0}/${h.docker.containersTotal ?? 0}` : '-',
    h.latencyMs === undefined ? '-' : `${h.latencyMs.toFixed(1)}ms`,
    h.problem?.message ?? '',
  ]);
  return renderTable(
    ['HOST', 'GROUP', 'STATE', 'DOCKER', 'API', 'STORAGE', 'CONTAINERS', 'LATENCY', 'REASON'],
    rows,
  );
}
