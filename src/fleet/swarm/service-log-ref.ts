import type { SwarmState } from '../../domain/swarm.js';
import type { ServiceLogRef } from '../logs/reader.js';

/** A service's logs to open, with what names each line's task: slots by task id, hostnames by node id. */
export function serviceLogRef(state: SwarmState, id: string, name: string): ServiceLogRef {
  return {
    swarm: state.swarm,
    id,
    name,
    tasks: Object.fromEntries(state.tasks.filter((t) => t.serviceId === id).map((t) => [t.id, t.slot])),
    nodes: Object.fromEntries(state.nodes.map((n) => [n.id, n.hostname])),
  };
}
