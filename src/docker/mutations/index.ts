export { hostMutations } from './host-mutations.js';
export type { CloneOptions, CommandOutcome, HostMutations, ImageSummary, LockResult } from './types.js';
