/** The mutating actions fleetdeck can take. Every one is refused in read-only mode. */
export type ActionKind =
  | 'restart'
  | 'kill'
  | 'stop'
  | 'start'
  | 'snapshot'
  | 'snapshot-delete'
  | 'ship'
  | 'rollback'
  | 'redeploy'
  | 'redeploy-recover';

export const ACTION_KINDS: readonly ActionKind[] = [
  'restart',
  'kill',
  'stop',
  'start',
  'snapshot',
  'snapshot-delete',
  'ship',
  'rollback',
  'redeploy',
  'redeploy-recover',
];

/** One container, as the plan names it. */
export interface ContainerRef {
  host: string;
  id: string;
  name: string;
}

/**
 * What the operator must do before the executor runs a plan: answer yes, or type `text`
 * (role-wide and destructive actions), like GitHub's "type the repository name".
 */
export type Confirmation =
  { mode: 'yes-no'; prompt: string } | { mode: 'type'; text: string; prompt: string };

export interface PlanBase {
  kind: ActionKind;
  /** The target as the operator gave it (`role:web`, `lab-0/web-1`). */
  target: string;
  /** One line: what will happen. */
  summary: string;
  /** Every step, in order, for people (shown before confirming). */
  steps: string[];
  hosts: string[];
  confirmation: Confirmation;
  /** Recorded in the audit log. */
  params: Readonly<Record<string, unknown>>;
}

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

export interface RedeployPlan extends PlanBase {
  kind: 'redeploy';
  role: string;
  image: string;
  batches: ReplicaStep[][];
  batchSize: number;
  waitSeconds: number;
  healthTimeoutSeconds: number;
  migrate?: { command: string; via: ContainerRef };
  /** Set when this plan continues or undoes an interrupted rollout. */
  rolloutId?: string;
}

export interface RedeployRecoverPlan extends PlanBase {
  kind: 'redeploy-recover';
  role: string;
  mode: 'resume' | 'rollback';
  rolloutId: string;
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

export type ActionPlan =
  | SignalPlan
  | RedeployPlan
  | RedeployRecoverPlan
  | SnapshotPlan
  | SnapshotDeletePlan
  | ShipPlan
  | RollbackPlan;

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
