import type { SwarmState } from '../../domain/swarm.js';
import type { SwarmSourceStatus } from './swarm-source.js';

/** One swarm as the store holds it: how its manager connection is, and the last state read. */
export interface SwarmView {
  /** The swarm's name in the fleet file. */
  name: string;
  status: SwarmSourceStatus;
  /** Absent until the first full read; kept (as last known) while no manager answers. */
  state?: SwarmState;
}
