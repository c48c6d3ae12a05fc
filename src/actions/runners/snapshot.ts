import { posix } from 'node:path';
import { Readable } from 'node:stream';
import { CountingStream } from '../counting-stream.js';
import type { HostMutations } from '../../docker/mutations/index.js';
import { throwIfCancelled } from '../cancel.js';
import {
  SNAP_CONTAINER,
  SNAP_CONTAINER_ID,
  SNAP_HOST,
  SNAP_SOURCE_IMAGE,
  SNAP_TIME,
  SNAP_VOLUMES,
  SNAPSHOT_LABEL,
  storedVolumes,
  VOLUME_ROOT,
  type StoredVolume,
} from '../planners/snapshot-plan.js';
import { ActionFailed, type RunContext, type RunReport } from '../run-context.js';
import { tarOfDirectories } from '../tar-dirs.js';
import type { RollbackPlan, ShipPlan, SnapshotDeletePlan, SnapshotPlan } from '../types.js';
import { waitReady } from '../wait-ready.js';

async function runInside(
  m: HostMutations,
  id: string,
  name: string,
  what: string,
  command: string,
): Promise<void> {
  const r = await m.exec(id, ['sh', '-c', command]);
  if (r.code !== 0) {
    throw new ActionFailed(
      `${m.host}/${name}: ${what} command \`${command}\` exited with ${r.code} — ${r.output.trim() || 'no output'}`,
    );
  }
}

/** Streams one tar from a container into another, counting and hashing it on the way. */
async function copyTar(
  from: { m: HostMutations; id: string; path: string },
  to: { m: HostMutations; id: string; path: string },
): Promise<{ bytes: number; sha256: string }> {
  const tap = CountingStream.of(await from.m.getArchive(from.id, from.path));
  await to.m.putArchive(to.id, to.path, tap);
  return { bytes: tap.bytes, sha256: tap.sha256() };
}

async function applyRetention(
  m: HostMutations,
  name: string,
  keep: number,
  ctx: RunContext,
): Promise<string[]> {
  const mine = (await m.images(`${SNAP_CONTAINER}=${name}`)).sort((a, b) =>
    (b.labels[SNAP_TIME] ?? '').localeCompare(a.labels[SNAP_TIME] ?? ''),
  );
  const deleted: string[] = [];
  for (const img of mine.slice(keep)) {
    const ref = img.tags[0] ?? img.id;
    ctx.progress({ host: m.host, message: `retention: deleting ${ref}` });
    await m.removeImage(ref);
    deleted.push(ref);
  }
  return deleted;
}

export async function runSnapshot(plan: SnapshotPlan, ctx: RunContext): Promise<RunReport> {
  const { host, id, name } = plan.container;
  const m = ctx.hosts(host);
  const ref = `${plan.repo}:${plan.tag}`;
  const time = new Date(ctx.now()).toISOString();
  const labels: Record<string, string> = {
    [SNAPSHOT_LABEL]: '1',
    [SNAP_CONTAINER]: name,
    [SNAP_CONTAINER_ID]: id,
    [SNAP_HOST]: host,
    [SNAP_TIME]: time,
    [SNAP_SOURCE_IMAGE]: plan.sourceImage,
  };
  if (plan.pre) await runInside(m, id, name, 'pre-snapshot', plan.pre);
  throwIfCancelled(ctx.signal);
  const running = (await m.inspect(id)).state === 'running';
  // Paused across the commit and the volume archives: image and volumes are of the same instant.
  if (running) await m.pause(id);
  const volumes: StoredVolume[] = [];
  let imageId: string;
  try {
    ctx.progress({ host, container: name, message: `committing ${ref}` });
    const baseTag = plan.volumes.length ? `${plan.tag}-base` : plan.tag;
    imageId = await m.commit(id, {
      repo: plan.repo,
      tag: baseTag,
      labels,
      comment: `fleetdeck snapshot of ${host}/${name}`,
      pause: false,
    });
    if (plan.volumes.length) {
      const helper = await m.createHelper(`fleetdeck-snapshot-helper-${plan.tag}`, `${plan.repo}:${baseTag}`);
      try {
        const dirs = plan.volumes.map((_, i) => `.fleetdeck-volumes/${i}`);
        await m.putArchive(helper, '/', Readable.from([tarOfDirectories(['.fleetdeck-volumes', ...dirs])]));
        for (const [i, v] of plan.volumes.entries()) {
          ctx.progress({ host, container: name, message: `archiving ${v.destination}` });
          const sum = await copyTar(
            { m, id, path: v.destination },
            { m, id: helper, path: `${VOLUME_ROOT}/${i}` },
          );
          volumes.push({ ...v, index: i, ...sum });
        }
        imageId = await m.commit(helper, {
          repo: plan.repo,
          tag: plan.tag,
          labels: { ...labels, [SNAP_VOLUMES]: JSON.stringify(volumes) },
          comment: `fleetdeck snapshot of ${host}/${name} with volumes`,
          pause: false,
        });
      } finally {
        await m.remove(helper, { force: true }).catch(() => undefined);
        await m.removeImage(`${plan.repo}:${baseTag}`).catch(() => undefined); // untag; layers stay as parent
      }
    }
  } finally {
    if (running) await m.unpause(id);
  }
  if (plan.post) await runInside(m, id, name, 'post-snapshot', plan.post);
  const deleted = plan.keep !== undefined ? await applyRetention(m, name, plan.keep, ctx) : [];
  return {
    message: `${host}/${name} snapshotted to ${ref}${volumes.length ? ` with ${volumes.length} volume${volumes.length === 1 ? '' : 's'}` : ''}`,
    details: { image: ref, imageId, volumes, deleted },
  };
}

export async function runSnapshotDelete(plan: SnapshotDeletePlan, ctx: RunContext): Promise<RunReport> {
  await ctx.hosts(plan.host).removeImage(plan.image);
  return { message: `${plan.host}: deleted ${plan.image}`, details: { image: plan.image } };
}

export async function runShip(plan: ShipPlan, ctx: RunContext): Promise<RunReport> {
  const from = ctx.hosts(plan.from);
  const to = ctx.hosts(plan.to);
  ctx.progress({ host: plan.from, message: `saving ${plan.image}` });
  const counted = CountingStream.of(await from.saveImage(plan.image));
  ctx.progress({ host: plan.to, message: `loading ${plan.image}` });
  await to.loadImage(counted);
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

export async function runRollback(plan: RollbackPlan, ctx: RunContext): Promise<RunReport> {
  const { host, id, name } = plan.container;
  const m = ctx.hosts(host);
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
