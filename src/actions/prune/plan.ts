import { formatBytes } from '../../domain/format/index.js';
import type { HostContainerUse, HostImage, HostNetwork, HostVolume } from '../../domain/resources/types.js';
import { confirmationFor } from '../planners/confirmation.js';
import { isFleetdeckInternal } from '../planners/redeploy-plan.js';
import { SNAPSHOT_LABEL } from '../planners/snapshot-plan.js';
import type { PruneCandidate, PruneHostPlan, PrunePlan, PruneWhat } from './types.js';

/** What one host holds, as the planner reads it (fresh lists from that host). */
export interface PruneHostInput {
  host: string;
  images: Array<HostImage & { uniqueBytes?: number }>;
  containers: HostContainerUse[];
  volumes: HostVolume[];
  /** Read for `prune networks` only. */
  networks?: HostNetwork[];
}

/** Stopped: what `docker container prune` takes. `--dangling-only`: exited or dead, not never-started. */
const STOPPED = new Set(['exited', 'created', 'dead']);
const STOPPED_DANGLING = new Set(['exited', 'dead']);

/** Docker's anonymous volumes: a 64-hex name, or the label newer daemons set. */
export function isAnonymousVolume(v: HostVolume): boolean {
  return /^[0-9a-f]{64}$/.test(v.name) || v.labels['com.docker.volume.anonymous'] !== undefined;
}

function imageCandidates(h: PruneHostInput, danglingOnly: boolean): PruneCandidate[] {
  // Counted from the same container list as the rest: a stopped container pins its image.
  const used = new Set(h.containers.map((c) => c.imageId));
  return (
    h.images
      .filter((i) => !used.has(i.id) && (!danglingOnly || i.dangling))
      // fleetdeck's snapshots are images no container uses, by design: never pruned here.
      .filter((i) => i.labels[SNAPSHOT_LABEL] === undefined)
      .map((i) => ({
        id: i.id,
        name: i.tags.length ? i.tags.join(', ') : '<none>',
        bytes: i.uniqueBytes ?? i.sizeBytes,
        tags: [...i.tags],
      }))
  );
}

function containerCandidates(h: PruneHostInput, danglingOnly: boolean): PruneCandidate[] {
  const states = danglingOnly ? STOPPED_DANGLING : STOPPED;
  return h.containers
    .filter((c) => states.has(c.state) && !isFleetdeckInternal(c.name))
    .map((c) => ({
      id: c.id,
      name: c.name,
      ...(c.sizeRwBytes !== undefined ? { bytes: c.sizeRwBytes } : {}),
    }));
}

function volumeCandidates(h: PruneHostInput, danglingOnly: boolean): PruneCandidate[] {
  // In use means mounted by any container, running or not: such a volume is never a candidate.
  const used = new Set(h.containers.flatMap((c) => c.volumes));
  return h.volumes
    .filter((v) => !used.has(v.name) && v.containers === 0 && (!danglingOnly || isAnonymousVolume(v)))
    .map((v) => ({ id: v.name, name: v.name, ...(v.sizeBytes !== undefined ? { bytes: v.sizeBytes } : {}) }));
}

/**
 * A user-defined network nothing is attached to (stopped containers count: they rejoin on start).
 * Never the daemon's own (bridge, host, none, ingress), nor a swarm-scoped one (its manager owns it).
 */
function networkCandidates(h: PruneHostInput): PruneCandidate[] {
  return (h.networks ?? [])
    .filter((n) => !n.builtin && n.containers === 0 && n.scope !== 'swarm')
    .map((n) => ({ id: n.id, name: n.name }));
}

const PICK: Record<PruneWhat, (h: PruneHostInput, danglingOnly: boolean) => PruneCandidate[]> = {
  images: imageCandidates,
  containers: containerCandidates,
  volumes: volumeCandidates,
  networks: networkCandidates,
};

const NOUN: Record<PruneWhat, [string, string]> = {
  images: ['image', 'images'],
  containers: ['stopped container', 'stopped containers'],
  volumes: ['unused volume', 'unused volumes'],
  networks: ['unused network', 'unused networks'],
};

/** `, frees 2 MB` — networks hold no bytes, so nothing is said for them. */
function frees(what: PruneWhat, bytes: number): string {
  return what === 'networks' ? '' : `, frees ${formatBytes(bytes)}`;
}

function count(n: number, what: PruneWhat): string {
  const [one, many] = NOUN[what];
  return `${n} ${n === 1 ? one : many}`;
}

function shortId(id: string): string {
  return id.replace(/^sha256:/, '').slice(0, 12);
}

/**
 * The pure plan: per host, exactly what will be removed and what that frees. The runner removes
 * these and nothing else (re-checking each is still unused just before it goes).
 */
export function planPrune(input: {
  what: PruneWhat;
  danglingOnly: boolean;
  hosts: readonly PruneHostInput[];
  /** `--host H`, for the target's name. */
  host?: string;
}): PrunePlan {
  const { what, danglingOnly } = input;
  const perHost: PruneHostPlan[] = input.hosts.map((h) => {
    const candidates = PICK[what](h, danglingOnly);
    return { host: h.host, candidates, bytes: candidates.reduce((s, c) => s + (c.bytes ?? 0), 0) };
  });
  const total = perHost.reduce((s, h) => s + h.candidates.length, 0);
  const totalBytes = perHost.reduce((s, h) => s + h.bytes, 0);
  const where = input.host ?? `${input.hosts.length} host${input.hosts.length === 1 ? '' : 's'}`;
  const summary =
    total === 0
      ? `prune ${what}${danglingOnly ? ' (dangling only)' : ''} on ${where}: nothing to remove`
      : `prune ${what}${danglingOnly ? ' (dangling only)' : ''} on ${where}: remove ${count(total, what)}${frees(what, totalBytes)}`;
  const steps = perHost.flatMap((h) => [
    `${h.host}: ${count(h.candidates.length, what)}${frees(what, h.bytes)}`,
    ...h.candidates.map(
      (c) =>
        `  ${what === 'images' ? `${shortId(c.id)} ${c.name}` : c.name}${c.bytes !== undefined ? ` (${formatBytes(c.bytes)})` : ''}`,
    ),
  ]);
  const target = input.host ? `${what}@${input.host}` : what;
  return {
    kind: 'prune',
    target,
    summary,
    steps,
    hosts: perHost.map((h) => h.host),
    // Destructive: the operator types what is pruned.
    confirmation: confirmationFor(what, summary, total > 0),
    params: {
      what,
      danglingOnly,
      ...(input.host ? { host: input.host } : {}),
      candidates: total,
      bytes: totalBytes,
    },
    what,
    danglingOnly,
    perHost,
    totalBytes,
  };
}
