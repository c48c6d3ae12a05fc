import type {
  SwarmNode,
  SwarmServiceInfo,
  SwarmState,
  SwarmTaskInfo,
  SwarmUpdateState,
} from '../../domain/swarm.js';

/*
 * What the views and commands show of a swarm: nodes as hosts, services as roles. Pure: from a
 * SwarmState (and the fleet's own hosts, for the join) to rows.
 */

/** A fleet host as far as the join needs it: its name, where SSH goes, and its node id when known. */
export interface JoinableHost {
  name: string;
  /** The SSH host name or address (no user, no port). */
  sshHost?: string;
  /** `Swarm.NodeID` from the host's own /info, when read. */
  nodeId?: string;
}

export interface SwarmNodeRow {
  swarm: string;
  node: SwarmNode;
  /** The `hosts:` entry that is this node: the node is shown once, as that host. */
  host?: string;
  /** Tasks the swarm wants running here / that run here now. */
  desired: number;
  running: number;
}

export interface TaskError {
  taskId: string;
  nodeId: string;
  hostname: string;
  error: string;
  /** Epoch ms of the task's last status change. */
  at: number;
}

export interface NodeTasks {
  nodeId: string;
  hostname: string;
  desired: number;
  running: number;
}

export interface SwarmServiceRow {
  swarm: string;
  service: SwarmServiceInfo;
  /** Replicated: the replica count; global: one per node that has a task to run. */
  desired: number;
  running: number;
  perNode: NodeTasks[];
  updateStatus?: SwarmUpdateState;
  /** Images the running tasks use; more than one is drift (a rollout stuck halfway, a pinned digest…). */
  images: string[];
  drift: boolean;
  /** Newest first, at most LAST_ERRORS. */
  lastErrors: TaskError[];
}

export const LAST_ERRORS = 3;

/** The join key of a node: its id, else its hostname (short or full), else its address. */
export function joinHost(node: SwarmNode, hosts: readonly JoinableHost[]): string | undefined {
  const short = (h: string): string => h.split('.')[0] ?? h;
  const byId = hosts.find((h) => h.nodeId !== undefined && h.nodeId === node.id);
  if (byId) return byId.name;
  const names = new Set(
    [node.hostname, short(node.hostname), node.addr].filter((x): x is string => Boolean(x)),
  );
  return hosts.find(
    (h) =>
      names.has(h.name) || (h.sshHost !== undefined && (names.has(h.sshHost) || names.has(short(h.sshHost)))),
  )?.name;
}

const wantsRunning = (t: SwarmTaskInfo): boolean => t.desiredState === 'running';
const isRunning = (t: SwarmTaskInfo): boolean => t.state === 'running';

export function nodeRows(state: SwarmState, hosts: readonly JoinableHost[] = []): SwarmNodeRow[] {
  return state.nodes.map((node) => {
    const mine = state.tasks.filter((t) => t.nodeId === node.id);
    const host = joinHost(node, hosts);
    return {
      swarm: state.swarm,
      node,
      ...(host !== undefined ? { host } : {}),
      desired: mine.filter(wantsRunning).length,
      running: mine.filter((t) => wantsRunning(t) && isRunning(t)).length,
    };
  });
}

function lastErrors(tasks: readonly SwarmTaskInfo[], hostname: (id: string) => string): TaskError[] {
  return tasks
    .filter((t) => t.error !== undefined && t.error !== '')
    .sort((a, b) => b.since - a.since)
    .slice(0, LAST_ERRORS)
    .map((t) => ({
      taskId: t.id,
      nodeId: t.nodeId,
      hostname: hostname(t.nodeId),
      error: t.error ?? '',
      at: t.since,
    }));
}

export function serviceRows(state: SwarmState): SwarmServiceRow[] {
  const hostnames = new Map(state.nodes.map((n) => [n.id, n.hostname]));
  const hostname = (id: string): string => hostnames.get(id) ?? (id ? id.slice(0, 12) : '(unassigned)');
  return state.services.map((service) => {
    const tasks = state.tasks.filter((t) => t.serviceId === service.id);
    const live = tasks.filter(wantsRunning);
    const byNode = new Map<string, NodeTasks>();
    for (const t of live) {
      const entry = byNode.get(t.nodeId) ?? {
        nodeId: t.nodeId,
        hostname: hostname(t.nodeId),
        desired: 0,
        running: 0,
      };
      entry.desired += 1;
      if (isRunning(t)) entry.running += 1;
      byNode.set(t.nodeId, entry);
    }
    const images = [...new Set(live.filter(isRunning).map((t) => t.image))].sort();
    return {
      swarm: state.swarm,
      service,
      desired: service.mode === 'replicated' ? (service.replicas ?? 0) : live.length,
      running: live.filter(isRunning).length,
      perNode: [...byNode.values()].sort((a, b) => a.hostname.localeCompare(b.hostname)),
      ...(service.updateStatus ? { updateStatus: service.updateStatus } : {}),
      images,
      drift: images.length > 1,
      lastErrors: lastErrors(tasks, hostname),
    };
  });
}

/** A service by name or id (or a unique id prefix), for `tasks SERVICE` and `service:NAME` targets. */
export function findService(state: SwarmState, ref: string): SwarmServiceInfo | undefined {
  const exact = state.services.find((s) => s.name === ref || s.id === ref);
  if (exact) return exact;
  const prefixed = state.services.filter((s) => s.id.startsWith(ref));
  return prefixed.length === 1 ? prefixed[0] : undefined;
}

/** A node by hostname or id (or a unique id prefix). */
export function findNode(state: SwarmState, ref: string): SwarmNode | undefined {
  const exact = state.nodes.find((n) => n.hostname === ref || n.id === ref);
  if (exact) return exact;
  const prefixed = state.nodes.filter((n) => n.id.startsWith(ref));
  return prefixed.length === 1 ? prefixed[0] : undefined;
}

/** The tasks of one service, newest change first, with the node's hostname. */
export function serviceTasks(
  state: SwarmState,
  serviceId: string,
): Array<SwarmTaskInfo & { hostname: string }> {
  const hostnames = new Map(state.nodes.map((n) => [n.id, n.hostname]));
  return state.tasks
    .filter((t) => t.serviceId === serviceId)
    .sort((a, b) => (a.slot ?? 0) - (b.slot ?? 0) || b.since - a.since)
    .map((t) => ({ ...t, hostname: hostnames.get(t.nodeId) ?? t.nodeId.slice(0, 12) }));
}
