import type { HostMutations } from '../../docker/mutations/index.js';
import { snapshotTag, type StoredVolume } from '../planners/snapshot-plan.js';
import { ActionFailed, type RunContext, type RunReport } from '../run-context.js';
import type { RollbackPlan } from '../types.js';
import { waitReady } from '../wait-ready.js';
import { restoreInto, snapshotVolumes, verifySnapshot } from './rollback-volumes.js';

/** Labels on the volumes a rollback creates: which snapshot and container they hold data for. */
export const RESTORED_FROM_LABEL = 'org.fleetdeck.restored-from';
export const RESTORED_FOR_LABEL = 'org.fleetdeck.restored-for';

export const restoringName = (name: string): string => `${name}_fleetdeck-restoring`;
export const prevName = (name: string): string => `${name}_fleetdeck-prev`;

/** A volume name the daemon accepts, saying what it holds: `dbdata-restored-20240501-031502`. */
export function restoredVolumeName(container: string, v: StoredVolume, tag: string): string {
  const anonymous = !v.name || /^[0-9a-f]{64}$/.test(v.name);
  const base = (anonymous ? `${container}-vol${v.index}` : v.name!).replace(/[^a-zA-Z0-9_.-]/g, '-');
  return `${base.replace(/^[^a-zA-Z0-9]+/, '') || 'fleetdeck'}-restored-${tag}`;
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

async function removeAll(m: HostMutations, volumes: readonly string[]): Promise<string[]> {
  const left: string[] = [];
  for (const v of volumes) await m.removeVolume(v).catch(() => left.push(v));
  return left;
}

/**
 * Rolls a container back to a snapshot without touching what it runs on until the restored one
 * is up: the snapshot's checksums are verified first; its volumes are restored into NEW volumes
 * mounted by a new container (`NAME_fleetdeck-restoring`); only then is the original stopped and
 * renamed `NAME_fleetdeck-prev`, and the new one takes the name and starts. Once it is ready the
 * original container goes; its volumes are kept (the data from before the rollback: removing that
 * is the operator's call). Any failure puts the original back running on its own volumes,
 * untouched, and removes the new container and the new volumes.
 */
export async function runRollback(plan: RollbackPlan, ctx: RunContext): Promise<RunReport> {
  const { host, id, name } = plan.container;
  const m = ctx.hosts(host);
  const tag = snapshotTag(ctx.now());
  const stored = plan.restoresVolumes ? await snapshotVolumes(m, plan.image) : [];
  if (stored.length) await verifySnapshot(m, plan.image, stored, tag, ctx);
  const before = await m.inspect(id);
  const wasRunning = before.state === 'running' || before.state === 'restarting';
  const created: string[] = [];
  let newId: string | undefined;
  const discard = async (): Promise<string> => {
    const left: string[] = [];
    if (newId) await m.remove(newId, { force: true }).catch(() => left.push(restoringName(name)));
    left.push(...(await removeAll(m, created)));
    return left.length ? ` (could not remove ${left.join(', ')}: remove by hand)` : '';
  };

  // 1. Prepared beside the original, which keeps running on its own volumes.
  try {
    const replace: Record<string, string> = {};
    for (const v of stored) {
      const vol = restoredVolumeName(name, v, tag);
      ctx.progress({ host, container: name, message: `creating volume ${vol} for ${v.destination}` });
      await m.createVolume(vol, { [RESTORED_FROM_LABEL]: plan.image, [RESTORED_FOR_LABEL]: name });
      created.push(vol);
      replace[v.destination] = vol;
    }
    newId = await m.clone(id, { image: plan.image, name: restoringName(name), replaceMounts: replace });
    await restoreInto(m, plan.image, newId, stored, tag, ctx);
  } catch (err) {
    const left = await discard();
    throw new ActionFailed(
      `${host}/${name}: preparing the rollback to ${plan.image} failed — ${messageOf(err)}; ${name} was not stopped, its volumes were not touched, the new volumes were removed${left}`,
    );
  }

  // 2. The swap: the original stops and gives up its name, the restored one starts.
  const putBack = async (): Promise<string> => {
    const left = await discard();
    const now = await m.inspect(id);
    if (now.name !== name) await m.rename(id, name);
    if (wasRunning) await m.start(id);
    return left;
  };
  let ready: Awaited<ReturnType<typeof waitReady>>;
  try {
    ctx.progress({ host, container: name, message: `stopping ${name}, keeping it as ${prevName(name)}` });
    await m.stop(id);
    await m.rename(id, prevName(name));
    await m.rename(newId, name);
    await m.start(newId);
    ready = await waitReady(m, newId, {
      timeoutSeconds: plan.readyTimeoutSeconds,
      runningSeconds: 2,
      pollMs: ctx.pollMs,
      now: ctx.now,
      sleep: ctx.sleep,
      ...(ctx.signal ? { signal: ctx.signal } : {}),
    });
  } catch (err) {
    const left = await putBack().catch(
      (e: unknown) =>
        ` — putting it back failed too (${messageOf(e)}): \`docker rename ${prevName(name)} ${name}\` and start it`,
    );
    throw new ActionFailed(
      `${host}/${name}: the rollback to ${plan.image} failed — ${messageOf(err)}; the original ${name} was put back on its own volumes${left}`,
    );
  }
  if (!ready.ok) {
    const left = await putBack();
    throw new ActionFailed(
      `${ready.reason} — the previous ${name} was put back on its own volumes, untouched; the restored volumes were removed${left}` +
        (ready.healthOutput ? `\n    health: ${ready.healthOutput}` : '') +
        (ready.logs.length ? `\n    last log lines:\n      ${ready.logs.join('\n      ')}` : ''),
      { logs: ready.logs },
    );
  }

  // 3. Committed: the original goes, its volumes stay (the data from before the rollback).
  const kept = before.mounts
    .filter((mt) => mt.type === 'volume' && mt.name && stored.some((v) => v.destination === mt.destination))
    .map((mt) => mt.name!);
  await m.remove(id, { force: true }).catch(() => undefined); // left stopped as NAME_fleetdeck-prev otherwise
  const keptNote = kept.length
    ? `; the volumes it ran on before are kept, unused: ${kept.join(', ')} (\`fleetdeck prune volumes\` or \`docker volume rm\`)`
    : '';
  return {
    message: `${host}/${name} now runs ${plan.image}${created.length ? ` on ${created.length} restored volume${created.length === 1 ? '' : 's'} (${created.join(', ')})` : ''}${keptNote}`,
    details: {
      image: plan.image,
      containerId: newId,
      restored: stored.map((v) => v.destination),
      volumes: created,
      keptVolumes: kept,
    },
  };
}
