import { engineLabel } from '../../../domain/engine.js';
import type { HostStateKind, HostStatus } from '../../../domain/host.js';
import type { SwarmNode } from '../../../domain/swarm.js';
import { sanitizeLine } from '../../../domain/text/sanitize.js';
import { joinableHosts } from '../../../fleet/swarm/joinable.js';
import { nodeRows } from '../../../fleet/swarm/swarm-rows.js';
import type { SwarmView } from '../../../fleet/swarm/swarm-view.js';
import { formatDuration } from '../../presenters/format.js';
import { nodeSummary, swarmProblem } from '../../presenters/swarm.js';
import { HOST_STATE_TONE, type HostRow } from './row.js';

/*
 * Swarm nodes as hosts: a node that is also under hosts: is that host's row (its reason says
 * which node it is); every other node is a row of its own, grouped under its swarm.
 */

function nodeState(node: SwarmNode): HostStateKind {
  return node.status === 'ready' ? 'up' : node.status === 'down' ? 'unreachable' : 'degraded';
}

function nodeRow(swarm: string, node: SwarmNode, tasks: string, since: string): HostRow {
  const state = nodeState(node);
  return {
    key: `swarm:${swarm}/${node.id}`,
    name: sanitizeLine(node.hostname),
    group: `swarm ${swarm}`,
    state,
    stateTone: node.availability !== 'active' && state === 'up' ? 'status.warn' : HOST_STATE_TONE[state],
    reason: `${nodeSummary(swarm, node)}${node.statusMessage ? ` (${sanitizeLine(node.statusMessage)})` : ''}`,
    since,
    docker: node.engineVersion ? engineLabel({ serverVersion: sanitizeLine(node.engineVersion) }) : '-',
    storageDriver: '-',
    storageVerdict: '-',
    storageTone: 'text.primary',
    containers: tasks,
    latency: '-',
    node: { swarm, id: node.id, hostname: sanitizeLine(node.hostname) },
  };
}

export interface SwarmHosts {
  /** The rows of nodes that are no `hosts:` entry, and of swarms not read yet. */
  rows: HostRow[];
  /** Per `hosts:` entry joined to a node: what its row adds to its reason. */
  joined: ReadonlyMap<string, string>;
}

export function swarmHosts(
  swarms: readonly SwarmView[],
  hosts: readonly HostStatus[],
  now: number,
): SwarmHosts {
  const joinable = joinableHosts(hosts);
  const joined = new Map<string, string>();
  const rows: HostRow[] = [];
  for (const view of swarms) {
    const since = formatDuration(now - view.status.since);
    if (!view.state) {
      const state: HostStateKind = view.status.state === 'down' ? 'unreachable' : 'connecting';
      rows.push({
        key: `swarm:${view.name}`,
        name: view.name,
        group: `swarm ${view.name}`,
        state,
        stateTone: HOST_STATE_TONE[state],
        reason: swarmProblem(view, now) ?? '',
        since,
        docker: '-',
        storageDriver: '-',
        storageVerdict: '-',
        storageTone: 'text.primary',
        containers: '-',
        latency: '-',
      });
      continue;
    }
    const nodes = nodeRows(view.state, joinable).sort((a, b) =>
      a.node.hostname.localeCompare(b.node.hostname),
    );
    for (const r of nodes) {
      if (r.host !== undefined) joined.set(r.host, nodeSummary(view.name, r.node));
      else rows.push(nodeRow(view.name, r.node, `${r.running}/${r.desired}`, since));
    }
  }
  return { rows, joined };
}
