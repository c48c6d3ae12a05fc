import { posix } from 'node:path';
import type { HostMutations } from '../../docker/mutations/index.js';
import { CountingStream } from '../counting-stream.js';
import { SNAPSHOT_LABEL, storedVolumes, VOLUME_ROOT, type StoredVolume } from '../planners/snapshot-plan.js';
import { ActionFailed, type RunContext } from '../run-context.js';

/** The volumes a snapshot image holds, from its labels on the host. */
export async function snapshotVolumes(m: HostMutations, image: string): Promise<StoredVolume[]> {
  const labels =
    (await m.images(SNAPSHOT_LABEL)).find((i) => i.tags.includes(image) || i.id === image)?.labels ?? {};
  return storedVolumes(labels);
}

/**
 * Reads each volume stored in the snapshot on the host and compares it with the checksum taken
 * when it was made, before anything is created or stopped: a damaged snapshot replaces nothing.
 */
export async function verifySnapshot(
  m: HostMutations,
  image: string,
  stored: readonly StoredVolume[],
  tag: string,
  ctx: RunContext,
): Promise<void> {
  const volumes = stored.filter((v) => v.verifiable);
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

/** Copies each stored volume from the snapshot into the (created, not started) container `into`. */
export async function restoreInto(
  m: HostMutations,
  image: string,
  into: string,
  stored: readonly StoredVolume[],
  tag: string,
  ctx: RunContext,
): Promise<void> {
  if (stored.length === 0) return;
  const helper = await m.createHelper(`fleetdeck-restore-helper-${tag}`, image);
  try {
    for (const v of stored) {
      ctx.progress({ host: m.host, message: `restoring ${v.destination} into a new volume` });
      const base = posix.basename(v.destination);
      const tar = await m.getArchive(helper, `${VOLUME_ROOT}/${v.index}/${base}`);
      await m.putArchive(into, posix.dirname(v.destination), CountingStream.of(tar));
    }
  } finally {
    await m.remove(helper, { force: true }).catch(() => undefined);
  }
}
