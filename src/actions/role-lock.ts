import type { HostMutations } from '../docker/mutations/index.js';
import { LOCK_PREFIX } from './planners/redeploy-plan.js';

export const LOCK_LABEL = 'org.fleetdeck.lock';
export const LOCK_ROLLOUT_LABEL = 'org.fleetdeck.lock.rollout';
export const LOCK_OWNER_LABEL = 'org.fleetdeck.lock.owner';
export const LOCK_SINCE_LABEL = 'org.fleetdeck.lock.since';

export class LockHeld extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LockHeld';
  }
}

export interface LockOwner {
  rolloutId: string;
  /** `user@machine`. */
  owner: string;
  since: string;
}

/**
 * The role lock lives on the hosts, as a created-never-started container named
 * `fleetdeck-lock-ROLE`: the daemon refuses a second container of that name, so two operators on
 * two machines cannot both take it. Hosts are locked in name order; a refusal releases what was taken.
 */
export async function acquireRoleLock(
  role: string,
  hosts: ReadonlyArray<{ m: HostMutations; image: string }>,
  owner: LockOwner,
): Promise<() => Promise<void>> {
  const name = `${LOCK_PREFIX}${role}`;
  const taken: HostMutations[] = [];
  const release = async (): Promise<void> => {
    await Promise.allSettled(taken.map((m) => m.remove(name, { force: true })));
  };
  for (const { m, image } of [...hosts].sort((a, b) => a.m.host.localeCompare(b.m.host))) {
    const r = await m.createLock(name, image, {
      [LOCK_LABEL]: role,
      [LOCK_ROLLOUT_LABEL]: owner.rolloutId,
      [LOCK_OWNER_LABEL]: owner.owner,
      [LOCK_SINCE_LABEL]: owner.since,
    });
    if (r.acquired) {
      taken.push(m);
      continue;
    }
    if (r.holder[LOCK_ROLLOUT_LABEL] === owner.rolloutId) {
      taken.push(m); // ours, from before a crash: resuming takes it over
      continue;
    }
    await release();
    throw new LockHeld(
      `${m.host}: role ${role} is locked by rollout ${r.holder[LOCK_ROLLOUT_LABEL] ?? '?'} of ` +
        `${r.holder[LOCK_OWNER_LABEL] ?? 'someone'} since ${r.holder[LOCK_SINCE_LABEL] ?? '?'} — wait for it to finish; ` +
        `if that rollout is dead, remove the lock with \`docker rm ${name}\` on ${m.host}`,
    );
  }
  return release;
}
