import type { HostMutations } from '../../docker/mutations/index.js';
import { OLD_SUFFIX } from '../planners/redeploy-plan.js';
import type { ReplicaRecord } from '../journal.js';
import type { RunContext } from '../run-context.js';
import { waitReady } from '../wait-ready.js';

export interface ReplicaFailure {
  replica: string;
  reason: string;
  logs: string[];
  healthOutput?: string;
}

export class ReplicaFailed extends Error {
  constructor(readonly failure: ReplicaFailure) {
    super(failure.reason);
    this.name = 'ReplicaFailed';
  }
}

export interface ReadyTimes {
  waitSeconds: number;
  healthTimeoutSeconds: number;
}

/** Persists a record's change before the step it announces is taken. */
export type Persist = () => Promise<void>;

export const oldNameOf = (name: string): string => `${name}${OLD_SUFFIX}`;

/**
 * Replaces one replica up to "new one ready, old one stopped (renamed, kept)". The old container
 * is removed only when the whole batch is ready, so a failed batch can still be put back.
 */
export async function replaceReplica(
  rec: ReplicaRecord,
  times: ReadyTimes,
  persist: Persist,
  ctx: RunContext,
): Promise<void> {
  const m = ctx.hosts(rec.host);
  const say = (message: string): void => ctx.progress({ host: rec.host, container: rec.name, message });
  const old = await m.inspect(rec.oldId);
  rec.oldWasRunning = old.state === 'running' || old.state === 'restarting';
  if (rec.order === 'stop-first') {
    rec.phase = 'stopping-old';
    await persist();
    say(`stopping old ${rec.name} first (its ports would clash)`);
    await m.stop(rec.oldId);
  }
  rec.phase = 'renaming';
  await persist();
  await m.rename(rec.oldId, oldNameOf(rec.name));
  rec.phase = 'creating';
  await persist();
  say(`creating ${rec.name} from ${rec.newImage}`);
  rec.newId = await m.clone(rec.oldId, { image: rec.newImage, name: rec.name });
  rec.phase = 'starting';
  await persist();
  await m.start(rec.newId);
  say(`waiting for ${rec.name} to be ready`);
  const ready = await waitReady(m, rec.newId, {
    timeoutSeconds: times.healthTimeoutSeconds,
    runningSeconds: times.waitSeconds,
    pollMs: ctx.pollMs,
    now: ctx.now,
    sleep: ctx.sleep,
    ...(ctx.signal ? { signal: ctx.signal } : {}),
  });
  if (!ready.ok) {
    throw new ReplicaFailed({
      replica: `${rec.host}/${rec.name}`,
      reason: ready.reason,
      logs: ready.logs,
      ...(ready.healthOutput ? { healthOutput: ready.healthOutput } : {}),
    });
  }
  rec.phase = 'ready';
  await persist();
  if (rec.order === 'start-first') {
    say(`stopping old ${rec.name}`);
    await m.stop(rec.oldId); // its own stop signal and timeout
  }
  rec.phase = 'old-stopped';
  await persist();
}

/**
 * Batch committed: the kept old container goes. `committing` is on disk before the remove, so a
 * crash in between is never read as "put the old one back" (it may be gone: the new one is the
 * only copy then).
 */
export async function commitReplica(rec: ReplicaRecord, persist: Persist, ctx: RunContext): Promise<void> {
  rec.phase = 'committing';
  await persist();
  await ctx.hosts(rec.host).remove(rec.oldId, { force: true });
  rec.phase = 'done';
  await persist();
}

async function exists(m: HostMutations, id: string): Promise<boolean> {
  try {
    await m.inspect(id);
    return true;
  } catch {
    return false;
  }
}

/**
 * Puts a replica back as it was, from any phase (also after a crash, when the journal only says
 * which step was about to be taken): the new container goes, the old one gets its name back and
 * runs again if it ran before.
 */
export async function revertReplica(rec: ReplicaRecord, persist: Persist, ctx: RunContext): Promise<void> {
  if (rec.phase === 'pending' || rec.phase === 'done' || rec.phase === 'reverted') return;
  const m = ctx.hosts(rec.host);
  ctx.progress({
    host: rec.host,
    container: rec.name,
    message: `rolling ${rec.name} back to ${rec.oldImage}`,
  });
  if (!(await exists(m, rec.oldId))) {
    // The old container is gone (the crash came after the commit removed it, or someone removed
    // it): whatever holds the name is the only copy of this replica. It stays; nothing is removed.
    const only = await m.findByName(rec.name);
    if (!only) {
      throw new Error(
        `${rec.host}/${rec.name}: neither the old container (${rec.oldId.slice(0, 12)}) nor a replacement exists — recreate it from its image ${rec.oldImage}`,
      );
    }
    if (only.state !== 'running' && rec.oldWasRunning) await m.start(only.id);
    rec.phase = 'done';
    rec.newId = only.id;
    await persist();
    return;
  }
  const holder = await m.findByName(rec.name);
  if (rec.phase === 'committing' && holder && holder.id === rec.newId) {
    // Interrupted while removing the old one after its batch was ready: finish that instead.
    await m.remove(rec.oldId, { force: true });
    rec.phase = 'done';
    await persist();
    return;
  }
  if (holder && holder.id !== rec.oldId) await m.remove(holder.id, { force: true });
  if (rec.newId && rec.newId !== rec.oldId && (await exists(m, rec.newId)))
    await m.remove(rec.newId, { force: true });
  const old = await m.inspect(rec.oldId);
  if (old.name !== rec.name) await m.rename(rec.oldId, rec.name);
  if (rec.oldWasRunning && old.state !== 'running') await m.start(rec.oldId);
  rec.phase = 'reverted';
  await persist();
}
