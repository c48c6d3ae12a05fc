import { Readable } from 'node:stream';
import type { HelperRun, HostMutations } from '../../docker/mutations/index.js';
import { throwIfCancelled } from '../cancel.js';
import { meterBytes } from '../byte-meter.js';
import { CountingStream } from '../counting-stream.js';
import { withAlso, withGuardedPause } from '../pause-window.js';
import {
  SNAP_CONTAINER,
  SNAP_CONTAINER_ID,
  SNAP_HOST,
  SNAP_SOURCE_IMAGE,
  SNAP_TIME,
  SNAP_VOLUMES,
  SNAPSHOT_LABEL,
  VOLUME_ROOT,
  type StoredVolume,
} from '../planners/snapshot-plan.js';
import { ActionFailed, type RunContext, type RunReport } from '../run-context.js';
import { tarOfDirectories } from '../tar-dirs.js';
import type { SnapshotPlan } from '../types.js';
import { shellWord } from './shell-word.js';
import { snapshotLeftovers } from '../snapshot-leftovers.js';

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
      `${m.host}/${name}: ${what} command \`${command}\` exited with ${r.code}\n    ${r.output.trim() || 'no output'}`,
    );
  }
}

/**
 * The copy the helper makes on the host while the container is paused: each volume into
 * `/.fleetdeck-volumes/N/` of the helper's own layer. `--reflink=auto` shares extents where the
 * filesystem can (btrfs, XFS): the pause then costs metadata, not the volume's size.
 */
export function copyScript(destinations: readonly string[]): string {
  const probe = `${VOLUME_ROOT}/.reflink-probe`;
  return [
    'set -e',
    `mkdir -p ${destinations.map((_, i) => shellWord(`${VOLUME_ROOT}/${i}`)).join(' ')}`,
    `R=; if cp --reflink=auto /dev/null ${probe} 2>/dev/null; then R=--reflink=auto; fi; rm -f ${probe}`,
    ...destinations.map((d, i) => `cp -a $R ${shellWord(d)} ${shellWord(`${VOLUME_ROOT}/${i}/`)}`),
  ].join('\n');
}

function copyFailure(host: string, name: string, run: HelperRun): string {
  const full = /no space left on device/i.test(run.output)
    ? ` — the Docker root of ${host} is full: free space there (\`fleetdeck storage ${host}\`) and retry`
    : '';
  return `${host}/${name}: copying its volumes on the host failed (the helper exited with ${run.code})${full}; ${name} was unpaused, no snapshot was kept\n    ${run.output.trim() || 'no output'}`;
}

async function drain(s: Readable): Promise<void> {
  for await (const _ of s) void _;
}

export async function runSnapshot(plan: SnapshotPlan, ctx: RunContext): Promise<RunReport> {
  const { host, id, name } = plan.container;
  const m = ctx.hosts(host);
  let first: unknown;
  let report: RunReport | undefined;
  try {
    if (plan.pre) await runInside(m, id, name, 'pre-snapshot', plan.pre);
    throwIfCancelled(ctx.signal);
    report = await snapshotOnHost(plan, m, ctx);
  } catch (err) {
    first = err;
  }
  // The post-command undoes what the pre-command did (unlock, start): it runs whatever happened.
  if (plan.post) {
    try {
      await runInside(m, id, name, 'post-snapshot', plan.post);
    } catch (err) {
      if (first === undefined) first = err;
      else first = withAlso(first, err instanceof Error ? err.message : String(err));
    }
  }
  if (first !== undefined || !report) throw first;
  const deleted = plan.keep !== undefined ? await applyRetention(m, name, plan.keep, ctx) : [];
  // Reported, never removed: another machine's snapshot in progress has a helper too.
  const left = await snapshotLeftovers([m]).catch(() => []);
  const note = left.length
    ? `\n  left on ${host} by interrupted snapshots: ${left.map((l) => `${l.name} (\`${l.remove}\`)`).join(', ')}`
    : '';
  return {
    message: report.message + note,
    details: { ...report.details, deleted, leftovers: left.map((l) => l.name) },
  };
}

async function snapshotOnHost(plan: SnapshotPlan, m: HostMutations, ctx: RunContext): Promise<RunReport> {
  const { host, id, name } = plan.container;
  const ref = `${plan.repo}:${plan.tag}`;
  const labels: Record<string, string> = {
    [SNAPSHOT_LABEL]: '1',
    [SNAP_CONTAINER]: name,
    [SNAP_CONTAINER_ID]: id,
    [SNAP_HOST]: host,
    [SNAP_TIME]: new Date(ctx.now()).toISOString(),
    [SNAP_SOURCE_IMAGE]: plan.sourceImage,
  };
  const withVolumes = plan.volumes.length > 0;
  const baseRef = withVolumes ? `${ref}-base` : ref;
  const helpers: string[] = [];
  let imageId = '';
  let copy: string | undefined;
  let kept = false;
  const comment = `fleetdeck snapshot of ${host}/${name}`;
  // Inside the pause: the commit and the on-host copy only. Nothing crosses our link here.
  const window = async (): Promise<void> => {
    ctx.progress({ host, container: name, message: `committing ${ref}` });
    imageId = await m.commit(id, {
      repo: plan.repo,
      tag: baseRef.slice(plan.repo.length + 1),
      labels,
      comment,
      pause: false,
    });
    if (!withVolumes) return;
    ctx.progress({ host, container: name, message: `copying ${plan.volumes.length} volume(s) on ${host}` });
    const run = await m.runHelper({
      name: `fleetdeck-snapshot-copy-${plan.tag}`,
      image: plan.helperImage ?? baseRef,
      cmd: ['sh', '-c', copyScript(plan.volumes.map((v) => v.destination))],
      volumesFrom: [`${id}:ro`],
      labels: { [SNAPSHOT_LABEL]: 'helper' },
    });
    helpers.push(run.id);
    copy = run.id;
    if (run.code !== 0) throw new ActionFailed(copyFailure(host, name, run));
  };
  try {
    const running = (await m.inspect(id)).state === 'running';
    if (running) await withGuardedPause(m, { id, name }, ctx, window);
    else await window();
    const volumes: StoredVolume[] = [];
    if (withVolumes && copy) {
      // Unpaused: now the copies are read (sized and hashed), and moved into the image if needed.
      let into = copy;
      if (plan.helperImage) {
        into = await m.createHelper(`fleetdeck-snapshot-helper-${plan.tag}`, baseRef);
        helpers.push(into);
        await m.putArchive(into, '/', Readable.from([tarOfDirectories(['.fleetdeck-volumes'])]));
      }
      // The copy helper's own layer holds exactly the copies: its size is the bar's total.
      const total = await m.sizes?.writableSize(copy);
      const bar = {
        key: `snapshot ${host}/${name}`,
        label: `snapshot ${name} volumes`,
        startedAt: ctx.now(),
      };
      let archived = 0;
      for (const [i, v] of plan.volumes.entries()) {
        ctx.progress({ host, container: name, message: `reading the copy of ${v.destination}` });
        const tap = CountingStream.of(await m.getArchive(copy, `${VOLUME_ROOT}/${i}`));
        const meter = meterBytes(ctx, tap, { ...bar, total, base: archived });
        if (into !== copy) await m.putArchive(into, VOLUME_ROOT, tap);
        else await drain(tap);
        meter.finish(false);
        archived += tap.bytes;
        volumes.push({ ...v, index: i, bytes: tap.bytes, sha256: tap.sha256(), verifiable: true });
      }
      ctx.meter({ ...bar, unit: 'bytes', done: archived, total: archived });
      imageId = await m.commit(into, {
        repo: plan.repo,
        tag: plan.tag,
        labels: { ...labels, [SNAP_VOLUMES]: JSON.stringify(volumes) },
        comment: `${comment} with volumes`,
        pause: false,
        configOf: baseRef,
      });
    }
    kept = true;
    return {
      message: `${host}/${name} snapshotted to ${ref}${volumes.length ? ` with ${volumes.length} volume${volumes.length === 1 ? '' : 's'}` : ''}`,
      details: { image: ref, imageId, volumes },
    };
  } finally {
    for (const h of helpers) await m.remove(h, { force: true }).catch(() => undefined);
    if (withVolumes && imageId) await m.removeImage(baseRef).catch(() => undefined); // untag; layers stay as parent
    if (!kept && imageId && !withVolumes) await m.removeImage(ref).catch(() => undefined);
  }
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
