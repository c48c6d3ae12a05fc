/** What every action plan shares: its kind, target, steps, hosts and confirmation. */

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
  | 'redeploy-recover'
  | 'lock-break'
  | 'prune'
  | 'exec'
  | 'swarm-scale'
  | 'swarm-force-update'
  | 'swarm-rollback'
  | 'node-drain'
  | 'node-activate';

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
  'lock-break',
  'prune',
  'exec',
  'swarm-scale',
  'swarm-force-update',
  'swarm-rollback',
  'node-drain',
  'node-activate',
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
