import type { FleetStore } from '../store.js';
import type { SwarmSource } from './swarm-source.js';

/**
 * Copies a swarm source's status and state into the store on every change the source publishes
 * (a full read, an applied event, a lost manager). Returns the unsubscribe.
 */
export function feedSwarm(source: SwarmSource, store: FleetStore): () => void {
  const publish = (): void => {
    const state = source.state;
    store.setSwarm({ name: source.swarm, status: source.status, ...(state ? { state } : {}) });
  };
  publish();
  return source.subscribe(publish);
}
