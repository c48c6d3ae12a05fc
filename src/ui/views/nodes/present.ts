import { sanitizeLine } from '../../../domain/text/sanitize.js';
import type { HostStatus } from '../../../domain/host.js';
import { joinableHosts } from '../../../fleet/swarm/joinable.js';
import { nodeRows } from '../../../fleet/swarm/swarm-rows.js';
import type { SwarmView } from '../../../fleet/swarm/swarm-view.js';
import type { ThemeToken } from '../../../theme/index.js';
import type { CompiledFilter } from '../../presenters/filter.js';
import { availabilityTone, nodeRoleText, nodeStatusTone, swarmProblem } from '../../presenters/swarm.js';

export interface NodeRow {
  key: string;
  swarm: string;
  /** The node's id ('' for a swarm that has no rows: its problem is in `status`). */
  id: string;
  hostname: string;
  /** The `hosts:` entry that is this node, or `-`. */
  host: string;
  role: string;
  availability: string;
  availabilityTone: ThemeToken;
  status: string;
  statusTone: ThemeToken;
  engine: string;
  tasks: string;
  labels: string;
}

/** Every node of every swarm, grouped by swarm in file order; a swarm not read yet is one row. */
export function presentNodes(
  swarms: readonly SwarmView[],
  hosts: readonly HostStatus[],
  now: number,
  filter?: CompiledFilter,
): NodeRow[] {
  const joinable = joinableHosts(hosts);
  const rows = swarms.flatMap((view): NodeRow[] => {
    if (!view.state) {
      const problem = swarmProblem(view, now) ?? `swarm ${view.name}: not read yet`;
      return [
        {
          key: `${view.name}/`,
          swarm: view.name,
          id: '',
          hostname: '-',
          host: '-',
          role: '-',
          availability: '-',
          availabilityTone: 'text.dim',
          status: problem,
          statusTone: view.status.state === 'down' ? 'status.crit' : 'status.connecting',
          engine: '-',
          tasks: '-',
          labels: '',
        },
      ];
    }
    return nodeRows(view.state, joinable)
      .sort((a, b) => a.node.hostname.localeCompare(b.node.hostname))
      .map((r) => ({
        key: `${view.name}/${r.node.id}`,
        swarm: view.name,
        id: r.node.id,
        hostname: sanitizeLine(r.node.hostname),
        host: r.host ?? '-',
        role: nodeRoleText(r.node),
        availability: sanitizeLine(r.node.availability),
        availabilityTone: availabilityTone(r.node.availability),
        status: sanitizeLine(
          r.node.statusMessage ? `${r.node.status} (${r.node.statusMessage})` : r.node.status,
        ),
        statusTone: nodeStatusTone(r.node.status),
        engine: sanitizeLine(r.node.engineVersion ?? '-'),
        tasks: `${r.running}/${r.desired}`,
        labels: sanitizeLine(
          Object.entries(r.node.labels)
            .map(([k, v]) => `${k}=${v}`)
            .join(','),
        ),
      }));
  });
  if (!filter) return rows;
  return rows.filter((r) =>
    filter.test(`${r.swarm} ${r.hostname} ${r.host} ${r.role} ${r.availability} ${r.status} ${r.labels}`),
  );
}
