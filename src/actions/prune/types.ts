import type { PlanBase } from '../plan-base.js';

export type PruneWhat = 'images' | 'containers' | 'volumes' | 'networks';
export const PRUNE_WHATS: readonly PruneWhat[] = ['images', 'containers', 'volumes', 'networks'];

/** One thing the plan removes: an image ID (with the tags untagged first), a container, a volume. */
export interface PruneCandidate {
  /** Image ID, container ID, volume name or network ID. */
  id: string;
  /** For people: the tags (or `<none>`), the container name, the volume name. */
  name: string;
  /** What removing it frees, when the daemon said. */
  bytes?: number;
  /** Images: tags untagged one by one before the ID is deleted. */
  tags?: string[];
}

export interface PruneHostPlan {
  host: string;
  candidates: PruneCandidate[];
  /** Sum of the candidates' known sizes. */
  bytes: number;
}

export interface PrunePlan extends PlanBase {
  kind: 'prune';
  what: PruneWhat;
  danglingOnly: boolean;
  perHost: PruneHostPlan[];
  totalBytes: number;
}
