import type { HostKeyPolicy } from '../domain/host.js';
import type { SshTarget } from './ssh-target.js';

/** Where a host came from, so a later error (ssh resolution) can point back at it. */
export interface DraftOrigin {
  file: string;
  line?: number;
  path: string;
}

/** A host as declared (fleet entry or Docker context), before ~/.ssh/config is applied. */
export type HostDraft =
  | { kind: 'local'; name: string; group?: string; socketPath: string; origin: DraftOrigin }
  | {
      kind: 'ssh';
      name: string;
      group?: string;
      target: SshTarget;
      /** Set only when declared explicitly: then it replaces ssh config's IdentityFiles. */
      identityFiles?: string[];
      /** Fleet-file proxyJump: hops, or 'none' for direct (wins over ssh config). */
      proxyJump?: SshTarget[] | 'none';
      socket: string;
      hostKeyPolicy?: HostKeyPolicy;
      origin: DraftOrigin;
    };
