import type { HostStatus } from '../../domain/host.js';
import type { SwarmNode } from '../../domain/swarm.js';
import { sanitizeLine } from '../../domain/text/sanitize.js';
import type { FleetSnapshot } from '../../fleet/snapshot.js';
import type { SwarmView } from '../../fleet/swarm/swarm-view.js';
import type { ThemeToken } from '../../theme/index.js';
import { formatDuration } from './format.js';

/*
 * What the swarm views share: the swarms of the snapshot, how a node's role, availability and
 * status read and look, and how a swarm that is not read now says so.
 */

export const swarmsOf = (snapshot: FleetSnapshot): readonly SwarmView[] => snapshot.swarms ?? [];

/** `manager ★` for the Raft leader, `manager`, `worker`. */
export function nodeRoleText(node: SwarmNode): string {
  return node.role === 'manager' ? (node.leader ? 'manager ★' : 'manager') : 'worker';
}

export function availabilityTone(availability: string): ThemeToken {
  return availability === 'active' ? 'status.up' : 'status.warn';
}

export function nodeStatusTone(status: string): ThemeToken {
  return status === 'ready' ? 'status.up' : status === 'down' ? 'status.crit' : 'status.degraded';
}

/** Why a swarm's rows are missing or old: `prod: connecting`, `prod: down 40s (…)`. */
export function swarmProblem(view: SwarmView, now: number): string | undefined {
  const { status } = view;
  if (status.state === 'up') return undefined;
  if (status.state === 'connecting') return `swarm ${view.name}: connecting to its managers`;
  const age = formatDuration(now - status.since);
  const stale = view.state ? ` — rows are as read ${formatDuration(now - view.state.readAt)} ago` : '';
  return sanitizeLine(
    `swarm ${view.name}: no manager answering for ${age}${stale} (${status.message ?? 'no answer'})`,
  );
}

/** `node.role=manager · availability=drain`: what a joined host's row says of its node. */
export function nodeSummary(swarm: string, node: SwarmNode): string {
  const parts = [`swarm ${swarm}`, nodeRoleText(node), node.availability, node.status];
  return sanitizeLine(parts.join(' · '));
}

/** A `hosts:` host's name per node id it was joined to (node ID, hostname or SSH host). */
export type JoinedHosts = ReadonlyMap<string, string>;

export function hostStatusByName(hosts: readonly HostStatus[]): ReadonlyMap<string, HostStatus> {
  return new Map(hosts.map((h) => [h.name, h]));
}

/** For `:tasks` completion: every service name read, and `SWARM/NAME` too where swarms share one. */
export function serviceNames(snapshot: FleetSnapshot): string[] {
  const read = swarmsOf(snapshot).flatMap(
    (v) => v.state?.services.map((x) => [v.name, x.name] as const) ?? [],
  );
  const names = read.map(([, name]) => sanitizeLine(name));
  const shared = read.filter(([, n]) => read.filter(([, m]) => m === n).length > 1);
  return [...names, ...shared.map(([swarm, name]) => sanitizeLine(`${swarm}/${name}`))];
}
