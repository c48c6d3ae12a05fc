import type { StorageHealth } from '../../../domain/health/types.js';
import { engineLabel } from '../../../domain/engine.js';
import type { HostStatus } from '../../../domain/host.js';
import type { CompiledFilter } from '../../presenters/filter.js';
import { formatDuration } from '../../presenters/format.js';
import { staleMarks } from '../../presenters/stale.js';
import { storageVerdictCell } from '../storage/present.js';
import type { SwarmView } from '../../../fleet/swarm/swarm-view.js';
import { swarmHosts } from './swarm-hosts.js';
import { HOST_STATE_TONE, type HostRow } from './row.js';

export { HOST_STATE_TONE, type HostRow } from './row.js';

export function presentHost(host: HostStatus, now: number, storage?: StorageHealth): HostRow {
  const verdict = storageVerdictCell(storage);
  const running = host.docker?.containersRunning;
  const total = host.docker?.containersTotal;
  return {
    key: host.name,
    name: host.name,
    group: host.group ?? '-',
    state: host.state,
    stateTone: HOST_STATE_TONE[host.state],
    reason:
      host.state === 'up'
        ? host.warning
          ? `⚠ ${host.warning}`
          : ''
        : // What is shown for it is from its last answer: say how old (`stale 40s · …`).
          [
            host.stale ? staleMarks([host], now).get(host.name) : undefined,
            host.problem?.message ?? host.warning,
          ]
            .filter(Boolean)
            .join(' · '),
    since: formatDuration(now - host.since),
    docker: engineLabel(host.docker),
    storageDriver: host.docker?.storageDriver ?? '-',
    storageVerdict: verdict.text,
    storageTone: verdict.tone,
    containers: running === undefined && total === undefined ? '-' : `${running ?? '?'}/${total ?? '?'}`,
    latency: host.latencyMs === undefined ? '-' : `${Math.round(host.latencyMs)}ms`,
  };
}

/**
 * Every host in fleet order, then the swarms' nodes that are no host (grouped by swarm); a host
 * that is a node says so in its reason. Unreachable hosts are never dropped (a filter is the user's choice).
 */
export function presentHosts(
  hosts: readonly HostStatus[],
  now: number,
  filter?: CompiledFilter,
  storage?: ReadonlyMap<string, StorageHealth>,
  swarms: readonly SwarmView[] = [],
): HostRow[] {
  const nodes = swarmHosts(swarms, hosts, now);
  const rows = [
    ...hosts.map((h) => {
      const row = presentHost(h, now, storage?.get(h.name));
      const node = nodes.joined.get(h.name);
      return node ? { ...row, reason: row.reason ? `${row.reason} · ${node}` : node } : row;
    }),
    ...nodes.rows,
  ];
  if (!filter) return rows;
  return rows.filter((r) =>
    filter.test(
      `${r.name} ${r.group} ${r.state} ${r.docker} ${r.storageDriver} ${r.storageVerdict}${r.node ? ` ${r.reason}` : ''}`,
    ),
  );
}
