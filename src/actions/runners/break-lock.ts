import {
  describeHolder,
  isStale,
  LOCK_MACHINE_LABEL,
  LOCK_ROLLOUT_LABEL,
  LOCK_WATCH_MS,
  lockHolder,
  lockName,
  type LockHolder,
} from '../role-lock.js';
import { ActionFailed, type RunContext, type RunReport } from '../run-context.js';
import type { BreakLockPlan } from '../types.js';

/**
 * Removes a role's lock containers, all or none: every one is checked first. A lock whose
 * heartbeat is fresh by our clock is watched for LOCK_WATCH_MS (more than one heartbeat period):
 * if it moves, its holder is alive and nothing is removed; if not, the holder is dead (or its
 * clock is ahead of ours) and the lock goes like a stale one.
 */
export async function runBreakLock(plan: BreakLockPlan, ctx: RunContext): Promise<RunReport> {
  const { role } = plan;
  const found: LockHolder[] = [];
  for (const planned of plan.locks) {
    const now = await lockHolder(ctx.hosts(planned.host), role);
    if (!now) continue; // released meanwhile
    if ((now.labels[LOCK_ROLLOUT_LABEL] ?? '') !== planned.rolloutId) {
      throw new ActionFailed(
        `${planned.host}: the lock of role ${role} is now held by ${describeHolder(now, ctx.now())}, not the one planned — nothing was removed; plan again`,
      );
    }
    found.push(now);
  }
  const fresh = found.filter((h) => !isStale(h, ctx.now()));
  if (fresh.length) {
    ctx.progress({
      message: `heartbeat fresh on ${fresh.map((h) => h.host).join(', ')}: watching it for ${LOCK_WATCH_MS / 1000} s`,
    });
    await ctx.sleep(LOCK_WATCH_MS, ctx.signal);
    for (const before of fresh) {
      const after = await lockHolder(ctx.hosts(before.host), role);
      if (after && after.heartbeat !== before.heartbeat) {
        const machine = after.labels[LOCK_MACHINE_LABEL] ?? 'its machine';
        throw new ActionFailed(
          `${before.host}: role ${role} is locked by ${describeHolder(after, ctx.now())} and that holder is alive (its heartbeat moved while fleetdeck watched for ${LOCK_WATCH_MS / 1000} s) — nothing was removed; wait for that rollout to finish, or stop fleetdeck on ${machine} first`,
        );
      }
    }
  }
  const removed: string[] = [];
  for (const h of found) {
    ctx.progress({ host: h.host, message: `removing ${lockName(role)}` });
    await ctx.hosts(h.host).remove(lockName(role), { force: true });
    removed.push(h.host);
  }
  const who = [...new Set(found.map((h) => describeHolder(h, ctx.now())))].join('; ');
  return {
    message: removed.length
      ? `role ${role} unlocked on ${removed.join(', ')} (was: ${who})`
      : `role ${role} was unlocked meanwhile — nothing to remove`,
    details: { removed, rollouts: [...new Set(found.map((h) => h.labels[LOCK_ROLLOUT_LABEL] ?? ''))] },
  };
}
