/*
 * A Swarm cluster as its managers tell it: nodes, services and tasks, reduced to what fleetdeck
 * shows and acts on. Plain data; docker/ maps the Engine API into these, fleet/ joins them.
 */

export type SwarmNodeRole = 'manager' | 'worker';

export interface SwarmNode {
  id: string;
  hostname: string;
  role: SwarmNodeRole;
  /** The manager that is the Raft leader now. */
  leader: boolean;
  /** `active`, `pause` or `drain` (what the operator asked). */
  availability: string;
  /** `ready`, `down`, `disconnected`, `unknown` (what the managers see). */
  status: string;
  /** Why, when the daemon says (e.g. "heartbeat failure"). */
  statusMessage?: string;
  /** The node's address as the swarm knows it. */
  addr?: string;
  engineVersion?: string;
  /** `Spec.Labels`: the operator's node labels (placement constraints). */
  labels: Readonly<Record<string, string>>;
  /** Managers: `reachable` / `unreachable` in the Raft group. */
  reachability?: string;
  /** Managers: the Raft address (ip:2377). */
  managerAddr?: string;
}

export interface SwarmUpdateState {
  /** updating, paused, completed, rollback_started, rollback_paused, rollback_completed. */
  state: string;
  message: string;
  /** Epoch ms. */
  startedAt?: number;
  completedAt?: number;
}

export interface SwarmServiceInfo {
  id: string;
  name: string;
  /** `Version.Index`, for optimistic concurrency on updates. */
  version: number;
  image: string;
  mode: 'replicated' | 'global';
  /** Replicated services: the desired count. */
  replicas?: number;
  updateStatus?: SwarmUpdateState;
  /** True when the daemon kept a previous spec (a rollback has something to go back to). */
  hasPreviousSpec: boolean;
  labels: Readonly<Record<string, string>>;
}

export interface SwarmTaskInfo {
  id: string;
  serviceId: string;
  slot?: number;
  nodeId: string;
  image: string;
  /** `Status.State`: new … running, complete, failed, shutdown, rejected… */
  state: string;
  desiredState: string;
  message: string;
  /** `Status.Err`: "no suitable node (…)", "task: non-zero exit (1)". */
  error?: string;
  /** Epoch ms of the last status change. */
  since: number;
}

export interface SwarmClusterInfo {
  /** The swarm's own id (`Swarm.Cluster.ID`). */
  id: string;
  /** The node id of the manager that answered. */
  managerNodeId: string;
  managers: number;
  nodes: number;
}

/** Everything known of one swarm, read from one manager at `readAt`. */
export interface SwarmState {
  /** The swarm's name in the fleet file. */
  swarm: string;
  /** The fleet name of the manager that answered. */
  manager: string;
  cluster: SwarmClusterInfo;
  nodes: SwarmNode[];
  services: SwarmServiceInfo[];
  /** Tasks the swarm currently wants running, plus the recent ones read for their errors. */
  tasks: SwarmTaskInfo[];
  readAt: number;
}
