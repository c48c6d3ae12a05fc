import type { HostMutations } from '../docker/mutations/index.js';
import type { JournalStore } from './journal.js';
import { planBreakLock } from './planners/break-lock-plan.js';
import { lockHolder, type LockHolder } from './role-lock.js';
import type { BreakLockPlan } from './types.js';

/** Asks every fleet host for the role's lock (side by side), then plans its removal. */
export async function planBreakLockOf(
  role: string,
  deps: { hosts: (name: string) => HostMutations; hostNames: readonly string[] },
  journals: JournalStore,
  now: number,
): Promise<BreakLockPlan> {
  const read = await Promise.allSettled(deps.hostNames.map((h) => lockHolder(deps.hosts(h), role)));
  const holders: LockHolder[] = [];
  const unreachable: string[] = [];
  read.forEach((r, i) => {
    if (r.status === 'rejected') unreachable.push(deps.hostNames[i]!);
    else if (r.value) holders.push(r.value);
  });
  const journal = await journals.read(role);
  return planBreakLock({
    role,
    holders: holders.sort((a, b) => a.host.localeCompare(b.host)),
    ...(journal ? { journal } : {}),
    unreachable,
    now,
  });
}
