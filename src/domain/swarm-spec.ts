import type { HostSpec } from './host.js';

/**
 * A Swarm cluster as the fleet file declares it: its name and the managers fleetdeck may ask,
 * in file order. Each manager is reached like any host; only one is asked at a time.
 */
export interface SwarmSpec {
  name: string;
  managers: HostSpec[];
}
