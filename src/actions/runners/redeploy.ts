import { ActionCancelled, throwIfCancelled } from '../cancel.js';
import type { ReplicaRecord, RolloutJournal } from '../journal.js';
import { isFleetdeckInternal } from '../planners/redeploy-plan.js';
import { runImageLoads, verifyImageEverywhere } from './image-loads.js';
import { describeJournal, journalWriter, lockKept, lockRole, newJournal } from './rollout-journal.js';

export { newJournal } from './rollout-journal.js';
import { ActionFailed, type RunContext, type RunReport } from '../run-context.js';
import type { RedeployPlan, RedeployRecoverPlan } from '../types.js';
import {
  commitReplica,
  replaceReplica,
  ReplicaFailed,
  revertReplica,
  type ReadyTimes,
  type ReplicaFailure,
} from './replica.js';

interface BatchOutcome {
  updated: string[];
  failed?: { batch: number; failures: ReplicaFailure[]; rolledBack: string[]; cancelled: boolean };
}

/** Batch after batch; a failed (or cancelled) batch is put back and the rollout stops there. */
async function runBatches(
  j: RolloutJournal,
  batches: ReplicaRecord[][],
  times: ReadyTimes,
  ctx: RunContext,
): Promise<BatchOutcome> {
  const persist = journalWriter(j, ctx);
  const updated: string[] = [];
  // Replicas replaced and ready, of all this rollout replaces; the batch running as its detail.
  const bar = {
    key: `redeploy ${j.role}`,
    label: `redeploy ${j.role}`,
    unit: 'replicas' as const,
    total: batches.reduce((n, b) => n + b.length, 0),
    startedAt: ctx.now(),
  };
  let ready = 0;
  for (const [i, batch] of batches.entries()) {
    if (ctx.signal?.aborted) {
      return { updated, failed: { batch: i + 1, failures: [], rolledBack: [], cancelled: true } };
    }
    ctx.progress({
      message: `batch ${i + 1}/${batches.length}: ${batch.map((r) => `${r.host}/${r.name}`).join(', ')}`,
    });
    const detail = `batch ${i + 1}/${batches.length}`;
    ready = updated.length;
    ctx.meter({ ...bar, done: ready, detail });
    const results = await Promise.allSettled(
      batch.map((rec) =>
        ctx.limiter.run(rec.host, async () => {
          await replaceReplica(rec, times, persist, ctx);
          ctx.meter({ ...bar, done: ++ready, detail });
        }),
      ),
    );
    const rejected = results.flatMap((r, k) =>
      r.status === 'rejected' ? [{ rec: batch[k]!, err: r.reason as unknown }] : [],
    );
    if (rejected.length === 0) {
      for (const rec of batch) await commitReplica(rec, persist, ctx);
      updated.push(...batch.map((r) => `${r.host}/${r.name}`));
      continue;
    }
    const failures: ReplicaFailure[] = rejected.map(({ rec, err }) =>
      err instanceof ReplicaFailed
        ? err.failure
        : {
            replica: `${rec.host}/${rec.name}`,
            reason: err instanceof Error ? err.message : String(err),
            logs: [],
          },
    );
    const rolledBack: string[] = [];
    for (const rec of batch) {
      await revertReplica(rec, persist, ctx);
      if (rec.phase === 'reverted') rolledBack.push(`${rec.host}/${rec.name}`);
    }
    const cancelled = rejected.every(({ err }) => err instanceof ActionCancelled);
    return { updated, failed: { batch: i + 1, failures, rolledBack, cancelled } };
  }
  return { updated };
}

function failureMessage(j: RolloutJournal, out: BatchOutcome): string {
  const f = out.failed!;
  const why = f.failures
    .map((x) => {
      const health = x.healthOutput ? `\n    health: ${x.healthOutput}` : '';
      const logs = x.logs.length ? `\n    last log lines:\n      ${x.logs.join('\n      ')}` : '';
      return `  ${x.replica}: ${x.reason}${health}${logs}`;
    })
    .join('\n');
  const kept = out.updated.length
    ? `; already updated and kept on ${j.image}: ${out.updated.join(', ')}`
    : '';
  return (
    `${f.cancelled ? 'cancelled' : 'failed'} in batch ${f.batch} — rollout stopped, batch rolled back to its old image ` +
    `(${f.rolledBack.join(', ') || 'nothing had changed'})${kept}${why ? `\n${why}` : ''}`
  );
}

async function runMigration(plan: RedeployPlan, j: RolloutJournal, ctx: RunContext): Promise<void> {
  if (!plan.migrate) return;
  const { via, command } = plan.migrate;
  const m = ctx.hosts(via.host);
  const name = `${plan.role}-migrate-${j.id}`;
  ctx.progress({ host: via.host, container: name, message: `migration: ${command}` });
  const id = await m.clone(via.id, {
    image: plan.image,
    name,
    cmd: ['sh', '-c', command],
    noRestart: true,
    labels: { 'org.fleetdeck.migration': j.id },
  });
  try {
    await m.start(id);
    const code = await m.wait(id);
    if (code !== 0) {
      const logs = await m.logsTail(id, 20).catch(() => [] as string[]);
      throw new ActionFailed(
        `migration \`${command}\` exited with ${code} on ${via.host} — nothing was replaced; fix the migration and redeploy again\n      ${logs.join('\n      ')}`,
        { migration: { code, logs } },
      );
    }
  } finally {
    await m.remove(id, { force: true }).catch(() => undefined);
  }
}

export async function runRedeploy(plan: RedeployPlan, ctx: RunContext): Promise<RunReport> {
  const existing = await ctx.journals.read(plan.role);
  if (existing && existing.state !== 'done') {
    throw new ActionFailed(
      `role ${plan.role} has an interrupted ${describeJournal(existing)} — run \`fleetdeck redeploy role:${plan.role} --resume\` or \`--rollback\` first`,
    );
  }
  // Checked again right before acting (the plan may be minutes old), unless loads come first.
  const loaded = new Set(plan.loads.map((l) => l.to));
  for (const host of plan.hosts.filter((h) => !loaded.has(h))) {
    if (!(await ctx.hosts(host).imagePresent(plan.image))) {
      throw new ActionFailed(
        `${host}: image ${plan.image} is not present — nothing was stopped; load or pull it first`,
      );
    }
  }
  throwIfCancelled(ctx.signal);
  const j = newJournal(plan, { user: ctx.user, machine: ctx.machine, now: ctx.now() });
  // On disk before the lock: a crash between the two leaves a journal that --rollback settles
  // (nothing was touched yet), never a lock on the hosts that no journal explains.
  await ctx.journals.write(j);
  let release: (keep?: boolean) => Promise<void>;
  try {
    release = await lockRole(j, ctx);
  } catch (err) {
    await ctx.journals.remove(plan.role);
    throw err;
  }
  let keepLock = false;
  try {
    const loadedBytes = await runImageLoads(plan.loads, ctx);
    const sources = plan.loads.map((l) => l.from);
    const imageId = await verifyImageEverywhere(plan.image, [...new Set([...plan.hosts, ...sources])], ctx);
    throwIfCancelled(ctx.signal);
    await runMigration(plan, j, ctx);
    const batches = plan.batches.map((_, i) => j.replicas.filter((r) => r.batch === i));
    const out = await runBatches(j, batches, plan, ctx);
    await ctx.journals.remove(plan.role);
    if (out.failed) {
      if (out.failed.cancelled) throw new ActionCancelled(failureMessage(j, out));
      throw new ActionFailed(failureMessage(j, out), {
        rolloutId: j.id,
        updated: out.updated,
        ...out.failed,
      });
    }
    return {
      message: `role ${plan.role} now runs ${plan.image} on ${out.updated.length} replica${out.updated.length === 1 ? '' : 's'}`,
      details: {
        rolloutId: j.id,
        updated: out.updated,
        imageId,
        ...(plan.loads.length ? { loaded: plan.loads, loadedBytes } : {}),
      },
    };
  } catch (err) {
    const whole = j.replicas.every(
      (r) => r.phase === 'pending' || r.phase === 'done' || r.phase === 'reverted',
    );
    if (whole) {
      await ctx.journals.remove(plan.role);
    } else {
      // Something below the rollout broke (a host went away): keep the journal for --resume/--rollback,
      // and the lock with it: nobody else may roll this role while a replica is half-replaced.
      j.state = 'failed';
      keepLock = true;
      await ctx.journals.write(j).catch(() => undefined);
      throw lockKept(err, plan.role);
    }
    throw err;
  } finally {
    await release(keepLock);
  }
}

/** Finishes or undoes a rollout a crash (or a lost host) interrupted, from its journal. */
export async function runRedeployRecover(plan: RedeployRecoverPlan, ctx: RunContext): Promise<RunReport> {
  const j = await ctx.journals.read(plan.role);
  if (!j) throw new ActionFailed(`role ${plan.role} has no interrupted rollout — nothing to ${plan.mode}`);
  if (j.id !== plan.rolloutId)
    throw new ActionFailed(
      `role ${plan.role}: the journal now holds rollout ${j.id}, not ${plan.rolloutId} — plan again`,
    );
  const release = await lockRole(j, ctx);
  let settled = false;
  try {
    const persist = journalWriter(j, ctx);
    const inFlight = j.replicas.filter((r) => !['pending', 'done', 'reverted'].includes(r.phase));
    for (const rec of inFlight) await revertReplica(rec, persist, ctx);
    const put = inFlight.map((r) => `${r.host}/${r.name}`);
    // From here every replica is whole: either on its old image (pending/reverted) or done.
    const again = async (
      recs: ReplicaRecord[],
      image: (r: ReplicaRecord) => string,
      batchSize: number,
    ): Promise<ReplicaRecord[][]> => {
      const fresh: ReplicaRecord[] = [];
      for (const r of recs) {
        const current = await ctx.hosts(r.host).findByName(r.name);
        if (!current || isFleetdeckInternal(current.name)) continue;
        fresh.push({
          ...r,
          oldId: current.id,
          oldImage: current.image,
          newImage: image(r),
          phase: 'pending',
          newId: undefined,
        });
      }
      j.replicas = [...j.replicas.filter((r) => !recs.includes(r)), ...fresh];
      const out: ReplicaRecord[][] = [];
      for (let i = 0; i < fresh.length; i += batchSize) out.push(fresh.slice(i, i + batchSize));
      return out;
    };
    const todo =
      plan.mode === 'resume'
        ? await again(
            j.replicas.filter((r) => r.phase !== 'done'),
            () => j.image,
            j.batchSize,
          )
        : await again(
            j.replicas.filter((r) => r.phase === 'done'),
            (r) => r.oldImage,
            1,
          );
    await persist();
    if (plan.mode === 'resume' && todo.length > 0) {
      // The crash may have come during the loads: a target may still lack the image.
      await runImageLoads(j.loads ?? [], ctx);
      await verifyImageEverywhere(j.image, [...new Set(todo.flat().map((r) => r.host))], ctx);
    }
    const out = await runBatches(j, todo, j, ctx);
    await ctx.journals.remove(plan.role);
    settled = true;
    if (out.failed)
      throw new ActionFailed(failureMessage(j, out), { rolloutId: j.id, settled: put, ...out.failed });
    return {
      message:
        plan.mode === 'resume'
          ? `rollout ${j.id} resumed: role ${plan.role} runs ${j.image} (${out.updated.length} replaced now, ${put.length} interrupted replica${put.length === 1 ? '' : 's'} settled first)`
          : `rollout ${j.id} rolled back: ${out.updated.length} replica${out.updated.length === 1 ? '' : 's'} back on the old image, ${put.length} interrupted replica${put.length === 1 ? '' : 's'} put back`,
      details: { rolloutId: j.id, settled: put, updated: out.updated },
    };
  } finally {
    // Interrupted again (a host went away): the journal is still there, so is the lock.
    await release(!settled);
  }
}
