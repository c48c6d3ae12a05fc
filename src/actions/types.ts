import type { ExecPlan } from './exec/types.js';
import type { PrunePlan } from './prune/types.js';

// The shared parts every plan is made of live in plan-base.ts, so the plan files of each action
// (exec/, prune/) can use them without importing this union of all plans back.
export { ACTION_KINDS } from './plan-base.js';
export type { ActionKind, Confirmation, ContainerRef, PlanBase } from './plan-base.js';
import type { ContainerRef, PlanBase } from './plan-base.js';

export interface SignalStep {
  container: ContainerRef;
  op: 'restart' | 'kill' | 'stop' | 'start';
  /** kill: the signal sent; restart/stop: the container's own stop signal (for display). */
  signal?: string;
  /** stop/restart: seconds before SIGKILL; undefined = the container's own StopTimeout. */
  timeoutSeconds?: number;
  /** Wait until running (and healthy when it has a health check) before the host's next step. */
  waitReady: boolean;
}

export interface SignalPlan extends PlanBase {
  kind: 'restart' | 'kill' | 'stop' | 'start';
  /** Per host, steps in order; hosts run side by side. */
  perHost: Array<{ host: string; steps: SignalStep[] }>;
  readyTimeoutSeconds: number;
}

export type ReplicaOrder = 'start-first' | 'stop-first';

export interface ReplicaStep {
  container: ContainerRef;
  oldImage: string;
  newImage: string;
  order: ReplicaOrder;
  /** Why this order (published ports clash when both run). */
  reason: string;
  hasHealthcheck: boolean;
}

/** Streams an image from a fleet host that has it to a target host that lacks it (save | load over SSH). */
export interface ImageLoadStep {
  image: string;
  from: string;
  to: string;
}

export interface RedeployPlan extends PlanBase {
  kind: 'redeploy';
  role: string;
  image: string;
  /** Done before anything is stopped; afterwards every target host must hold the same image ID. */
  loads: ImageLoadStep[];
  batches: ReplicaStep[][];
  batchSize: number;
  waitSeconds: number;
  healthTimeoutSeconds: number;
  migrate?: { command: string; via: ContainerRef };
  /** Set when this plan continues or undoes an interrupted rollout. */
  rolloutId?: string;
}

/** The rolling-update settings fleetdeck gives a Swarm service (`Spec.UpdateConfig`), in seconds. */
export interface SwarmUpdateSettings {
  /** Tasks updated at once (`--batch`). */
  parallelism: number;
  /** Seconds between batches (`--wait`). */
  delaySeconds: number;
  failureAction: 'rollback';
  /** Seconds each updated task is watched for failure (`--health-timeout`). */
  monitorSeconds: number;
  /** 0: a single failed task rolls the whole service back. */
  maxFailureRatio: number;
  order: ReplicaOrder;
}

/**
 * Redeploy of a role that is a Swarm service: one service update sent to a manager; the swarm
 * rolls the tasks itself and rolls back on failure.
 */
export interface SwarmRedeployPlan extends PlanBase {
  kind: 'redeploy';
  via: 'swarm';
  role: string;
  image: string;
  /** The fleet host (a Swarm manager) the update is sent to and progress is read from. */
  manager: string;
  service: { id: string; name: string; version: number; image: string; tasks: number };
  update: SwarmUpdateSettings;
  /** Why this order (published ports clash when both run). */
  orderReason: string;
  /** Set when the image is unchanged: a new `ForceUpdate` value still replaces every task. */
  forceUpdate?: number;
  /** Nodes under hosts: that lack the image get it from a fleet host first (no registry asked). */
  loads: ImageLoadStep[];
  batchSize: number;
  waitSeconds: number;
  healthTimeoutSeconds: number;
}

export interface RedeployRecoverPlan extends PlanBase {
  kind: 'redeploy-recover';
  role: string;
  mode: 'resume' | 'rollback';
  rolloutId: string;
}

/** `--break-lock`: one role lock container per host, as read when planned. */
export interface BreakLockPlan extends PlanBase {
  kind: 'lock-break';
  role: string;
  locks: Array<{ host: string; rolloutId: string; heartbeat?: string }>;
}

export interface SnapshotVolume {
  destination: string;
  type: string;
  name?: string;
}

export interface SnapshotPlan extends PlanBase {
  kind: 'snapshot';
  container: ContainerRef;
  sourceImage: string;
  repo: string;
  tag: string;
  pre?: string;
  post?: string;
  volumes: SnapshotVolume[];
  keep?: number;
  /**
   * Image of the helper that copies the volumes on the host (needs `sh` and `cp`); unset: the
   * container's own commit. Set for images without a shell (distroless).
   */
  helperImage?: string;
}

export interface SnapshotDeletePlan extends PlanBase {
  kind: 'snapshot-delete';
  host: string;
  image: string;
}

export interface ShipPlan extends PlanBase {
  kind: 'ship';
  image: string;
  from: string;
  to: string;
}

export interface RollbackPlan extends PlanBase {
  kind: 'rollback';
  container: ContainerRef;
  image: string;
  restoresVolumes: boolean;
  readyTimeoutSeconds: number;
}

/** A task a Swarm action will stop or move (shown in the plan). */
export interface SwarmTaskRef {
  name: string;
  id: string;
  service: string;
}

/**
 * A change of one Swarm service or node, sent to the swarm's manager (`manager`, a fleet name
 * of one of its managers): the swarm itself moves the tasks.
 */
export interface SwarmOpPlan extends PlanBase {
  kind: 'swarm-scale' | 'swarm-force-update' | 'swarm-rollback' | 'node-drain' | 'node-activate';
  swarm: string;
  manager: string;
  service?: { id: string; name: string; replicas?: number };
  node?: { id: string; hostname: string };
  /** swarm-scale: the replica count asked for. */
  replicas?: number;
  /** node-drain: the tasks that will move to other nodes; swarm-scale down: the ones stopped. */
  moving: SwarmTaskRef[];
  /** How long to follow the swarm before reporting (the change itself is one request). */
  waitSeconds: number;
}

export type ActionPlan =
  | SwarmOpPlan
  | SignalPlan
  | RedeployPlan
  | SwarmRedeployPlan
  | RedeployRecoverPlan
  | SnapshotPlan
  | SnapshotDeletePlan
  | ShipPlan
  | RollbackPlan
  | BreakLockPlan
  | PrunePlan
  | ExecPlan;

export interface ActionProgress {
  /** Epoch ms. */
  time: number;
  host?: string;
  container?: string;
  message: string;
}

export type ActionResultKind = 'ok' | 'failed' | 'refused' | 'cancelled';

export interface ActionOutcome {
  result: ActionResultKind;
  /** For people; names host, container and what to do when it failed. */
  message: string;
  durationMs: number;
  /** Per-kind details (created image, replicas rolled back…), also in --json output. */
  details: Readonly<Record<string, unknown>>;
}
