export { hostMutations } from './host-mutations.js';
export type {
  CloneOptions,
  CommandOutcome,
  HelperRun,
  HelperRunOptions,
  HostMutations,
  ImageSummary,
  LockResult,
  PauseGuard,
  PauseGuardOptions,
} from './types.js';
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
