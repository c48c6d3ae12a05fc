import type { RolloutJournal } from '../journal.js';
import {
  describeHolder,
  isStale,
  LOCK_MACHINE_LABEL,
  LOCK_ROLLOUT_LABEL,
  LOCK_WATCH_MS,
  lockName,
  type LockHolder,
} from '../role-lock.js';
import type { BreakLockPlan } from '../types.js';
import { confirmationFor } from './confirmation.js';
import { PlanError } from './signal-plan.js';

/**
 * Clearing a role's lock by hand (`--break-lock`): the lock containers found on the hosts that
 * answered. A lock this machine's own journal explains is not broken: --resume/--rollback take it over.
 */
export function planBreakLock(input: {
  role: string;
  holders: readonly LockHolder[];
  /** This machine's journal for the role, if any. */
  journal?: RolloutJournal;
  /** Hosts that did not answer: a lock there (if any) stays. */
  unreachable?: readonly string[];
  now: number;
}): BreakLockPlan {
  const { role, holders, now } = input;
  const target = `role:${role}`;
  const gone = input.unreachable ?? [];
  if (holders.length === 0) {
    throw new PlanError(
      `role ${role} is not locked on any host that answered${gone.length ? ` (not asked: ${gone.join(', ')})` : ''} — nothing to break`,
    );
  }
  const j = input.journal;
  const ours = j && j.state !== 'done' && holders.find((h) => h.labels[LOCK_ROLLOUT_LABEL] === j.id);
  if (j && ours) {
    throw new PlanError(
      `${ours.host}: the lock of role ${role} belongs to rollout ${j.id}, which this machine's journal holds (interrupted) — finish it with \`fleetdeck redeploy role:${role} --resume\` or undo it with \`--rollback\`; both take the lock over and release it`,
    );
  }
  const steps = holders.map(
    (h) =>
      `${h.host}: remove ${lockName(role)} — ${describeHolder(h, now)}${
        isStale(h, now)
          ? ''
          : ` (fresh: watched ${LOCK_WATCH_MS / 1000} s first; refused if its heartbeat moves)`
      }`,
  );
  for (const machine of new Set(holders.map((h) => h.labels[LOCK_MACHINE_LABEL] ?? '?'))) {
    steps.push(
      `a rollout interrupted on ${machine} may have left a replica half-replaced (NAME_fleetdeck-old); its journal is on ${machine}`,
    );
  }
  if (gone.length) steps.push(`not asked (did not answer): ${gone.join(', ')} — a lock there stays`);
  const summary = `break the lock of ${target} on ${holders.map((h) => h.host).join(', ')}`;
  return {
    kind: 'lock-break',
    target,
    summary,
    steps,
    hosts: holders.map((h) => h.host),
    confirmation: confirmationFor(target, summary, true),
    params: { role, rollouts: [...new Set(holders.map((h) => h.labels[LOCK_ROLLOUT_LABEL] ?? '?'))] },
    role,
    locks: holders.map((h) => ({
      host: h.host,
      rolloutId: h.labels[LOCK_ROLLOUT_LABEL] ?? '',
      ...(h.heartbeat ? { heartbeat: h.heartbeat } : {}),
    })),
  };
}
