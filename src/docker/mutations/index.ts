export { hostMutations } from './host-mutations.js';
export type { CloneOptions, CommandOutcome, HostMutations, ImageSummary, LockResult } from './types.js';
export { swarmMutations } from './swarm.js';
export type {
  SwarmMutations,
  SwarmNodeRecord,
  SwarmNodeSpec,
  SwarmPublishedPort,
  SwarmService,
  SwarmServiceSpec,
  SwarmTask,
  SwarmUpdateConfig,
  SwarmUpdateStatus,
} from './swarm-types.js';
