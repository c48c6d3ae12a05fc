import type { ContainerDetails } from '../../domain/details.js';
import type { ImageSummary } from '../../docker/mutations/index.js';
import type { RollbackPlan, ShipPlan, SnapshotDeletePlan, SnapshotPlan, SnapshotVolume } from '../types.js';
import { confirmationFor } from './confirmation.js';
import { PlanError } from './signal-plan.js';

export const SNAPSHOT_LABEL = 'org.fleetdeck.snapshot';
export const SNAP_CONTAINER = 'org.fleetdeck.snapshot.container';
export const SNAP_CONTAINER_ID = 'org.fleetdeck.snapshot.container-id';
export const SNAP_HOST = 'org.fleetdeck.snapshot.host';
export const SNAP_TIME = 'org.fleetdeck.snapshot.time';
export const SNAP_SOURCE_IMAGE = 'org.fleetdeck.snapshot.source-image';
export const SNAP_VOLUMES = 'org.fleetdeck.snapshot.volumes';
/** Container labels naming commands run inside it around the commit (application consistency). */
export const PRE_LABEL = 'org.fleetdeck.snapshot.pre';
export const POST_LABEL = 'org.fleetdeck.snapshot.post';
export const VOLUME_ROOT = '/.fleetdeck-volumes';

export interface StoredVolume extends SnapshotVolume {
  index: number;
  bytes: number;
  sha256: string;
  /** sha256 is of the tar of `/.fleetdeck-volumes/N` in the snapshot image: rollback checks it first. */
  verifiable?: boolean;
}

/** `20240501-031502` in UTC: sorts by time, valid as a tag. */
export function snapshotTag(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
}

export function snapshotRepo(containerName: string): string {
  return `fleetdeck-snapshot/${containerName.toLowerCase().replace(/[^a-z0-9_.-]/g, '-')}`;
}

export function planSnapshot(input: {
  target: string;
  container: ContainerDetails;
  now: number;
  withVolumes: boolean;
  pre?: string;
  post?: string;
  keep?: number;
}): SnapshotPlan {
  const c = input.container;
  const pre = input.pre ?? c.labels[PRE_LABEL];
  const post = input.post ?? c.labels[POST_LABEL];
  const volumes: SnapshotVolume[] = input.withVolumes
    ? c.mounts
        .filter((m) => m.type === 'volume' || m.type === 'bind')
        .map((m) => ({ destination: m.destination, type: m.type, ...(m.name ? { name: m.name } : {}) }))
    : [];
  const repo = snapshotRepo(c.name);
  const tag = snapshotTag(input.now);
  const steps: string[] = [];
  if (pre) steps.push(`${c.host}/${c.name}: run \`${pre}\` inside (pre-snapshot)`);
  steps.push(
    `${c.host}/${c.name}: pause, commit to ${repo}:${tag}${volumes.length ? ', archive volumes' : ''}, unpause`,
  );
  for (const v of volumes)
    steps.push(`  archive ${v.type} ${v.name ?? ''} mounted at ${v.destination} (size and sha256 recorded)`);
  if (post) steps.push(`${c.host}/${c.name}: run \`${post}\` inside (post-snapshot)`);
  if (input.keep !== undefined)
    steps.push(`${c.host}: keep the last ${input.keep} snapshots of ${c.name}, delete older ones`);
  const summary = `snapshot ${c.host}/${c.name} to ${repo}:${tag}${volumes.length ? ` with ${volumes.length} volume${volumes.length === 1 ? '' : 's'}` : ''}`;
  return {
    kind: 'snapshot',
    target: input.target,
    summary,
    steps,
    hosts: [c.host],
    confirmation: confirmationFor(input.target, summary, false),
    params: {
      repo,
      tag,
      volumes: volumes.map((v) => v.destination),
      ...(input.keep !== undefined ? { keep: input.keep } : {}),
    },
    container: { host: c.host, id: c.id, name: c.name },
    sourceImage: c.image,
    repo,
    tag,
    ...(pre ? { pre } : {}),
    ...(post ? { post } : {}),
    volumes,
    ...(input.keep !== undefined ? { keep: input.keep } : {}),
  };
}

export function storedVolumes(labels: Readonly<Record<string, string>>): StoredVolume[] {
  try {
    const v = JSON.parse(labels[SNAP_VOLUMES] ?? '[]') as StoredVolume[];
    return Array.isArray(v) ? v : [];
  } catch {
    return [];
  }
}

export function planRollback(input: {
  target: string;
  container: ContainerDetails;
  snapshot: ImageSummary;
  readyTimeoutSeconds?: number;
}): RollbackPlan {
  const c = input.container;
  const s = input.snapshot;
  const source = s.labels[SNAP_CONTAINER];
  if (source !== undefined && source !== c.name) {
    throw new PlanError(
      `snapshot ${s.tags[0] ?? s.id} is of ${source}, not ${c.name} — pick one of ${c.name}'s snapshots (\`fleetdeck snapshot list ${c.host}/${c.name}\`)`,
    );
  }
  const image = s.tags[0] ?? s.id;
  const volumes = storedVolumes(s.labels);
  const steps = [
    ...(volumes.length ? [`${c.host}: verify the snapshot's volumes against their recorded sha256`] : []),
    ...volumes.map(
      (v) =>
        `  restore ${v.destination} into a NEW volume (${v.bytes} bytes, sha256 ${v.sha256.slice(0, 12)}…); ${c.name}'s own volume is not touched`,
    ),
    `${c.host}: create ${c.name}_fleetdeck-restoring from ${image} with the same config${volumes.length ? ', on the new volumes' : ''}`,
    `${c.host}: stop ${c.name}, keep it as ${c.name}_fleetdeck-prev; the restored one takes the name and starts`,
    `once it is running/healthy: remove the previous container${volumes.length ? ' (its volumes are kept)' : ''}`,
    `if anything fails: the previous container is put back running on its own volumes${volumes.length ? ', the new volumes removed' : ''}`,
  ];
  const summary = `roll ${c.host}/${c.name} back to snapshot ${image}${volumes.length ? ' (volumes restored)' : ''}`;
  return {
    kind: 'rollback',
    target: input.target,
    summary,
    steps,
    hosts: [c.host],
    confirmation: confirmationFor(input.target, summary, true),
    params: { image, volumes: volumes.map((v) => v.destination) },
    container: { host: c.host, id: c.id, name: c.name },
    image,
    restoresVolumes: volumes.length > 0,
    readyTimeoutSeconds: input.readyTimeoutSeconds ?? 60,
  };
}

export function planShip(input: { image: string; from: string; to: string }): ShipPlan {
  if (input.from === input.to)
    throw new PlanError(`--from and --to are both ${input.from}: ship to another host`);
  const summary = `ship ${input.image} from ${input.from} to ${input.to} (docker save | docker load over SSH)`;
  return {
    kind: 'ship',
    target: input.image,
    summary,
    steps: [
      `${input.from}: docker save ${input.image}`,
      `${input.to}: docker load (streamed, no registry, no temp file)`,
    ],
    hosts: [input.from, input.to],
    confirmation: confirmationFor(input.image, summary, false),
    params: { image: input.image, from: input.from, to: input.to },
    image: input.image,
    from: input.from,
    to: input.to,
  };
}

export function planSnapshotDelete(input: { host: string; image: string }): SnapshotDeletePlan {
  const summary = `delete snapshot ${input.image} on ${input.host}`;
  return {
    kind: 'snapshot-delete',
    target: input.image,
    summary,
    steps: [`${input.host}: docker rmi ${input.image}`],
    hosts: [input.host],
    confirmation: confirmationFor(input.image, summary, true),
    params: { image: input.image },
    host: input.host,
    image: input.image,
  };
}
