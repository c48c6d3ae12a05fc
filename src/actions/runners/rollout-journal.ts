import { randomBytes } from 'node:crypto';
import type { RolloutJournal } from '../journal.js';
import { acquireRoleLock, beatRoleLock, LOCK_HEARTBEAT_MS } from '../role-lock.js';
import { ActionFailed, type RunContext } from '../run-context.js';
import type { RedeployPlan } from '../types.js';

/*
 * A rollout's journal and its role lock: written before anything changes, kept while a failed
 * journal exists, so a crash leaves what resume or rollback needs.
 */

/** Serialises journal writes of replicas running side by side. */
export function journalWriter(j: RolloutJournal, ctx: RunContext): () => Promise<void> {
  let chain: Promise<void> = Promise.resolve();
  return () => {
    chain = chain.then(() => ctx.journals.write(j));
    return chain;
  };
}

export function describeJournal(j: RolloutJournal): string {
  return `rollout ${j.id} of role ${j.role} to ${j.image}, started ${j.startedAt} by ${j.user}@${j.machine}`;
}

/** Takes the role lock and beats its heartbeat until released, or kept (stopBeat) for a failed journal. */
export async function lockRole(
  j: RolloutJournal,
  ctx: RunContext,
): Promise<(keep?: boolean) => Promise<void>> {
  const perHost = new Map<string, string>();
  for (const r of j.replicas) if (!perHost.has(r.host)) perHost.set(r.host, r.oldImage);
  const hosts = [...perHost].map(([host, image]) => ({ m: ctx.hosts(host), image }));
  const release = await acquireRoleLock(
    j.role,
    hosts,
    { rolloutId: j.id, user: j.user, machine: j.machine, since: j.startedAt },
    ctx.now,
  );
  const beat = (): void =>
    void beatRoleLock(
      j.role,
      hosts.map((h) => h.m),
      new Date(ctx.now()).toISOString(),
    );
  const stop = (ctx.every ?? realEvery)(LOCK_HEARTBEAT_MS, beat);
  return async (keep = false) => {
    stop();
    if (!keep) await release();
  };
}

function realEvery(ms: number, fn: () => void): () => void {
  const t = setInterval(fn, ms);
  t.unref();
  return () => clearInterval(t);
}

function newRolloutId(now: number): string {
  return `${now.toString(36)}-${randomBytes(3).toString('hex')}`;
}

/** The journal of a rollout about to start: every replica pending, in batch order. */
export function newJournal(
  plan: RedeployPlan,
  who: { user: string; machine: string; now: number },
): RolloutJournal {
  return {
    id: plan.rolloutId ?? newRolloutId(who.now),
    role: plan.role,
    image: plan.image,
    user: who.user,
    machine: who.machine,
    startedAt: new Date(who.now).toISOString(),
    state: 'running',
    waitSeconds: plan.waitSeconds,
    healthTimeoutSeconds: plan.healthTimeoutSeconds,
    batchSize: plan.batchSize,
    ...(plan.loads.length ? { loads: plan.loads } : {}),
    replicas: plan.batches.flatMap((b, i) =>
      b.map((s) => ({
        host: s.container.host,
        name: s.container.name,
        oldId: s.container.id,
        oldImage: s.oldImage,
        newImage: s.newImage,
        order: s.order,
        oldWasRunning: true,
        batch: i,
        phase: 'pending' as const,
      })),
    ),
  };
}

export function lockKept(err: unknown, role: string): ActionFailed {
  const details = err instanceof ActionFailed ? err.details : {};
  const message = err instanceof Error ? err.message : String(err);
  return new ActionFailed(
    `${message}\n  role ${role} stays locked: finish with \`fleetdeck redeploy role:${role} --resume\` or undo with \`--rollback\``,
    details,
  );
}
