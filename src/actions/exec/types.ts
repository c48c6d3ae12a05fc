import type { ExecIo } from '../../docker/exec-session.js';
import type { ContainerRef, PlanBase } from '../plan-base.js';

/** `fleetdeck exec` / the dashboard's `e`: a command in one container, or in every replica of a role. */
export interface ExecPlan extends PlanBase {
  kind: 'exec';
  containers: ContainerRef[];
  cmd: string[];
  user?: string;
  workdir?: string;
  tty: boolean;
  interactive: boolean;
}

/** The streams of one replica's session; the caller prefixes lines when there are several. */
export type ExecIoFor = (container: ContainerRef) => ExecIo;

export interface ExecParams {
  cmd: string[];
  user?: string;
  workdir?: string;
  tty?: boolean;
  interactive?: boolean;
}
