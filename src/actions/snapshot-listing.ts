import type { HostMutations, ImageSummary } from '../docker/mutations/index.js';
import { SNAP_CONTAINER, SNAP_HOST, SNAPSHOT_LABEL } from './planners/snapshot-plan.js';

export interface SnapshotListing {
  host: string;
  image: string;
  container: string;
  time: string;
  size: number;
  volumes: number;
}

/** Snapshots per host (optionally of one container), newest first, with sizes. */
export async function listSnapshots(
  hosts: readonly { name: string; api: HostMutations }[],
  container?: string,
): Promise<SnapshotListing[]> {
  const filter = container ? `${SNAP_CONTAINER}=${container}` : SNAPSHOT_LABEL;
  const out: SnapshotListing[] = [];
  for (const { name, api } of hosts) {
    for (const img of await api.images(filter)) {
      out.push({
        host: img.labels[SNAP_HOST] ?? name,
        image: img.tags[0] ?? img.id,
        container: img.labels[SNAP_CONTAINER] ?? '?',
        time: img.labels['org.fleetdeck.snapshot.time'] ?? '',
        size: img.size,
        volumes: countVolumes(img),
      });
    }
  }
  return out.sort((a, b) => b.time.localeCompare(a.time));
}

function countVolumes(img: ImageSummary): number {
  try {
    const v = JSON.parse(img.labels['org.fleetdeck.snapshot.volumes'] ?? '[]') as unknown[];
    return v.length;
  } catch {
    return 0;
  }
}
