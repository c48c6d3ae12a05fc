import { posix } from 'node:path';
import { meterBytes } from '../byte-meter.js';
import { CountingStream } from '../counting-stream.js';
import type { HostMutations } from '../../docker/mutations/index.js';
import { SNAPSHOT_LABEL, storedVolumes, VOLUME_ROOT, type StoredVolume } from '../planners/snapshot-plan.js';
import { ActionFailed, type RunContext, type RunReport } from '../run-context.js';
import type { RollbackPlan, ShipPlan, SnapshotDeletePlan } from '../types.js';
import { waitReady } from '../wait-ready.js';

/** Streams one tar from a container into another, counting and hashing it on the way. */
async function copyTar(
  from: { m: HostMutations; id: string; path: string },
  to: { m: HostMutations; id: string; path: string },
): Promise<{ bytes: number; sha256: string }> {
  const tap = CountingStream.of(await from.m.getArchive(from.id, from.path));
  await to.m.putArchive(to.id, to.path, tap);
  return { bytes: tap.bytes, sha256: tap.sha256() };
}

export { runSnapshot } from './snapshot-create.js';

export async function runSnapshotDelete(plan: SnapshotDeletePlan, ctx: RunContext): Promise<RunReport> {
  await ctx.hosts(plan.host).removeImage(plan.image);
  return { message: `${plan.host}: deleted ${plan.image}`, details: { image: plan.image } };
}

export async function runShip(plan: ShipPlan, ctx: RunContext): Promise<RunReport> {
  const from = ctx.hosts(plan.from);
  const to = ctx.hosts(plan.to);
  ctx.progress({ host: plan.from, message: `saving ${plan.image}` });
  const total = await from.sizes?.imageSize(plan.image);
  const counted = CountingStream.of(await from.saveImage(plan.image));
  ctx.progress({ host: plan.to, message: `loading ${plan.image}` });
  const meter = meterBytes(ctx, counted, {
    key: `ship ${plan.image}`,
    label: `ship ${plan.image} ${plan.from} → ${plan.to}`,
    total,
    startedAt: ctx.now(),
  });
  await to.loadImage(counted);
  meter.finish();
  if (!(await to.imagePresent(plan.image))) {
    throw new ActionFailed(
      `${plan.to}: ${plan.image} is not there after docker load — check the daemon log of ${plan.to}`,
    );
  }
  return {
    message: `${plan.image} shipped from ${plan.from} to ${plan.to} (${counted.bytes} bytes)`,
    details: { bytes: counted.bytes, sha256: counted.sha256() },
  };
}

async function restoreVolumes(
  m: HostMutations,
  image: string,
  into: string,
  tag: string,
  ctx: RunContext,
): Promise<StoredVolume[]> {
  const labels =
    (await m.images(`${SNAPSHOT_LABEL}`)).find((i) => i.tags.includes(image) || i.id === image)?.labels ?? {};
  const volumes = storedVolumes(labels);
  if (volumes.length === 0) return [];
  const helper = await m.createHelper(`fleetdeck-restore-helper-${tag}`, image);
  try {
    for (const v of volumes) {
      ctx.progress({ host: m.host, message: `restoring ${v.destination}` });
      const base = posix.basename(v.destination);
      await copyTar(
        { m, id: helper, path: `${VOLUME_ROOT}/${v.index}/${base}` },
        { m, id: into, path: posix.dirname(v.destination) },
      );
    }
  } finally {
    await m.remove(helper, { force: true }).catch(() => undefined);
  }
  return volumes;
}

/**
 * Reads each volume stored in the snapshot on the host and compares it with the checksum taken
 * when it was made, before anything is stopped: a damaged snapshot replaces nothing.
 */
async function verifySnapshot(m: HostMutations, image: string, tag: string, ctx: RunContext): Promise<void> {
  const labels =
    (await m.images(`${SNAPSHOT_LABEL}`)).find((i) => i.tags.includes(image) || i.id === image)?.labels ?? {};
  const volumes = storedVolumes(labels).filter((v) => v.verifiable);
  if (volumes.length === 0) return;
  const helper = await m.createHelper(`fleetdeck-verify-helper-${tag}`, image);
  try {
    for (const v of volumes) {
      ctx.progress({
        host: m.host,
        message: `verifying ${v.destination} (sha256 ${v.sha256.slice(0, 12)}…)`,
      });
      const tap = CountingStream.of(await m.getArchive(helper, `${VOLUME_ROOT}/${v.index}`));
      for await (const _ of tap) void _;
      const now = tap.sha256();
      if (now !== v.sha256) {
        throw new ActionFailed(
          `${m.host}: snapshot ${image} does not match what was recorded for ${v.destination} (sha256 ${v.sha256.slice(0, 12)}… recorded, ${now.slice(0, 12)}… now, ${v.bytes} → ${tap.bytes} bytes) — nothing was stopped or replaced; roll back to another snapshot`,
        );
      }
    }
  } finally {
    await m.remove(helper, { force: true }).catch(() => undefined);
  }
}

export async function runRollback(plan: RollbackPlan, ctx: RunContext): Promise<RunReport> {
  const { host, id, name } = plan.container;
  const m = ctx.hosts(host);
  if (plan.restoresVolumes) await verifySnapshot(m, plan.image, String(ctx.now()), ctx);
  const prevName = `${name}_fleetdeck-prev`;
  const before = await m.inspect(id);
  const wasRunning = before.state === 'running';
  ctx.progress({ host, container: name, message: `stopping ${name} and keeping it as ${prevName}` });
  await m.stop(id);
  await m.rename(id, prevName);
  let newId: string | undefined;
  const putBack = async (): Promise<void> => {
    if (newId) await m.remove(newId, { force: true }).catch(() => undefined);
    await m.rename(id, name);
    if (wasRunning) await m.start(id);
  };
  try {
    newId = await m.clone(id, { image: plan.image, name });
    const restored = plan.restoresVolumes
      ? await restoreVolumes(m, plan.image, newId, String(ctx.now()), ctx)
      : [];
    await m.start(newId);
    const ready = await waitReady(m, newId, {
      timeoutSeconds: plan.readyTimeoutSeconds,
      runningSeconds: 2,
      pollMs: ctx.pollMs,
      now: ctx.now,
      sleep: ctx.sleep,
      ...(ctx.signal ? { signal: ctx.signal } : {}),
    });
    if (!ready.ok) {
      await putBack();
      throw new ActionFailed(
        `${ready.reason} — the previous ${name} was put back${restored.length ? ' (its volumes keep the restored data)' : ''}` +
          (ready.healthOutput ? `\n    health: ${ready.healthOutput}` : '') +
          (ready.logs.length ? `\n    last log lines:\n      ${ready.logs.join('\n      ')}` : ''),
        { logs: ready.logs },
      );
    }
    await m.remove(id, { force: true });
    return {
      message: `${host}/${name} now runs ${plan.image}${restored.length ? `, ${restored.length} volume${restored.length === 1 ? '' : 's'} restored` : ''}`,
      details: { image: plan.image, containerId: newId, restored: restored.map((v) => v.destination) },
    };
  } catch (err) {
    if (!(err instanceof ActionFailed)) await putBack().catch(() => undefined);
    throw err;
  }
}
