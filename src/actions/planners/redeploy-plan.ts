import type { ContainerDetails } from '../../domain/details.js';
import type { RedeployPlan, ReplicaStep } from '../types.js';
import { confirmationFor } from './confirmation.js';
import { describeLoad, planImageLoads } from './image-loads.js';
import { PlanError } from './signal-plan.js';

export interface RedeployPlanInput {
  role: string;
  image: string;
  replicas: readonly ContainerDetails[];
  /** `N` replicas or `P%` of them per batch (default 1). */
  batch?: string;
  /** Seconds a replica without health check must stay running to count as started. */
  waitSeconds?: number;
  healthTimeoutSeconds?: number;
  migrate?: string;
  /** Fleet hosts (targets or not) where the image is present. */
  imagePresentOn: readonly string[];
  /** Fleet hosts that did not answer: not chosen as a load source when another has the image. */
  downHosts?: readonly string[];
  rolloutId?: string;
}

/** Containers fleetdeck itself leaves during a rollout; never replicas. */
export const OLD_SUFFIX = '_fleetdeck-old';
export const LOCK_PREFIX = 'fleetdeck-lock-';

export function isFleetdeckInternal(name: string): boolean {
  return name.endsWith(OLD_SUFFIX) || name.startsWith(LOCK_PREFIX);
}

export function parseBatch(text: string | undefined, total: number): number {
  const t = (text ?? '1').trim();
  const pct = /^(\d+(?:\.\d+)?)%$/.exec(t);
  let n: number;
  if (pct) n = Math.ceil((total * Number(pct[1])) / 100);
  else if (/^\d+$/.test(t)) n = Number(t);
  else throw new PlanError(`--batch "${text}": use a number of replicas (2) or a percentage (25%)`);
  if (n < 1) throw new PlanError(`--batch "${text}" gives batches of 0 replicas — use at least 1`);
  return Math.min(n, Math.max(total, 1));
}

/** Replicas in turn across hosts (lab-0, lab-1, lab-2, lab-0…) so a batch spreads its risk. */
export function roundRobin(replicas: readonly ContainerDetails[]): ContainerDetails[] {
  const byHost = new Map<string, ContainerDetails[]>();
  for (const r of [...replicas].sort(
    (a, b) => a.host.localeCompare(b.host) || a.name.localeCompare(b.name),
  )) {
    const list = byHost.get(r.host) ?? [];
    list.push(r);
    byHost.set(r.host, list);
  }
  const out: ContainerDetails[] = [];
  for (let i = 0; out.length < replicas.length; i++) {
    for (const list of byHost.values()) {
      const r = list[i];
      if (r) out.push(r);
    }
  }
  return out;
}

function replicaStep(r: ContainerDetails, image: string): ReplicaStep {
  const published = [...new Set(r.ports.filter((p) => p.publicPort !== undefined).map((p) => p.publicPort))];
  return {
    container: { host: r.host, id: r.id, name: r.name },
    oldImage: r.image,
    newImage: image,
    order: published.length > 0 ? 'stop-first' : 'start-first',
    reason:
      published.length > 0
        ? `publishes host port${published.length > 1 ? 's' : ''} ${published.join(', ')}: old and new cannot both bind it`
        : 'no published host ports: the new one starts before the old one stops',
    hasHealthcheck: r.health !== 'none',
  };
}

function describeReplica(s: ReplicaStep, waitSeconds: number, healthTimeout: number): string {
  const ready = s.hasHealthcheck ? `wait healthy (≤ ${healthTimeout} s)` : `wait running ${waitSeconds} s`;
  const { host, name } = s.container;
  return s.order === 'stop-first'
    ? `${host}/${name}: stop old (${s.reason}), create ${name} from ${s.newImage}, start, ${ready}`
    : `${host}/${name}: create ${name} from ${s.newImage}, start, ${ready}, then stop old`;
}

/** The rolling redeploy of a role: batches, per-replica order, migration, image checks. */
export function planRedeploy(input: RedeployPlanInput): RedeployPlan {
  const replicas = input.replicas.filter((r) => !isFleetdeckInternal(r.name));
  const target = `role:${input.role}`;
  if (replicas.length === 0) {
    throw new PlanError(
      `role "${input.role}" has no containers — check the role with \`fleetdeck ps --role ${input.role}\``,
    );
  }
  const hosts = [...new Set(replicas.map((r) => r.host))].sort();
  const loads = planImageLoads({
    image: input.image,
    targets: hosts,
    presentOn: input.imagePresentOn,
    ...(input.downHosts ? { down: input.downHosts } : {}),
  });
  const batchSize = parseBatch(input.batch, replicas.length);
  const waitSeconds = input.waitSeconds ?? 5;
  const healthTimeoutSeconds = input.healthTimeoutSeconds ?? 60;
  const ordered = roundRobin(replicas).map((r) => replicaStep(r, input.image));
  const batches: ReplicaStep[][] = [];
  for (let i = 0; i < ordered.length; i += batchSize) batches.push(ordered.slice(i, i + batchSize));

  const first = ordered[0]!.container;
  const lines =
    loads.length === 0
      ? [`check ${input.image} is present on ${hosts.join(', ')}`]
      : [
          ...loads.map(describeLoad),
          `check ${input.image} is present on ${hosts.join(', ')} with one image ID (a failed load stops here: nothing was stopped)`,
        ];
  lines.push(`lock role ${input.role} on ${hosts.join(', ')} (container ${LOCK_PREFIX}${input.role})`);
  if (input.migrate) {
    lines.push(
      `migrate: run \`${input.migrate}\` once in a one-off ${input.image} container configured like ${first.host}/${first.name}`,
    );
  }
  batches.forEach((b, i) => {
    for (const s of b) lines.push(`batch ${i + 1}: ${describeReplica(s, waitSeconds, healthTimeoutSeconds)}`);
  });
  lines.push('a failed batch stops the rollout and puts that batch back on its old image');
  const summary = `redeploy ${target} to ${input.image}: ${replicas.length} replica${replicas.length === 1 ? '' : 's'} on ${hosts.length} host${hosts.length === 1 ? '' : 's'}, ${batches.length} batch${batches.length === 1 ? '' : 'es'} of ≤ ${batchSize}${loads.length ? `, after loading the image on ${loads.map((l) => l.to).join(', ')}` : ''}`;
  return {
    kind: 'redeploy',
    target,
    summary,
    steps: lines,
    hosts,
    confirmation: confirmationFor(target, summary, true),
    params: {
      image: input.image,
      batch: batchSize,
      waitSeconds,
      healthTimeoutSeconds,
      ...(input.migrate ? { migrate: input.migrate } : {}),
      ...(loads.length ? { loads: loads.map((l) => `${l.from}->${l.to}`) } : {}),
    },
    role: input.role,
    image: input.image,
    loads,
    batches,
    batchSize,
    waitSeconds,
    healthTimeoutSeconds,
    ...(input.migrate ? { migrate: { command: input.migrate, via: first } } : {}),
    ...(input.rolloutId ? { rolloutId: input.rolloutId } : {}),
  };
}
