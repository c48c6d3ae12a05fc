import type { ContainerDetails, MountInfo } from './details.js';
import { shellJoin } from './format/container-text.js';
import { LIMIT_LABELS, limitTexts } from './format/limits.js';

/*
 * "Why does web-3 behave differently?": two replicas of a role, compared on what they were started
 * with. Pure; values are raw (the screen masks secrets and sanitises, --json would keep them).
 */

export type DiffSection = 'image' | 'command' | 'env' | 'labels' | 'mounts' | 'limits';

export const DIFF_SECTIONS: readonly DiffSection[] = [
  'image',
  'command',
  'env',
  'labels',
  'mounts',
  'limits',
];

/** One thing that differs; a side is undefined where that replica has no such entry. */
export interface ReplicaDifference {
  section: DiffSection;
  /** Env var name, label key, mount destination, limit name, or the field (`image`, `entrypoint`). */
  key: string;
  left?: string;
  right?: string;
}

function envMap(env: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const entry of env) {
    const eq = entry.indexOf('=');
    if (eq < 0) out.set(entry, '');
    else out.set(entry.slice(0, eq), entry.slice(eq + 1));
  }
  return out;
}

function mountText(m: MountInfo): string {
  return `${m.type} ${m.name ?? m.source}${m.readWrite ? '' : ' (ro)'}`;
}

/** Entries of two maps whose values differ (or exist on one side only), keys sorted. */
function mapDiff(
  section: DiffSection,
  left: ReadonlyMap<string, string>,
  right: ReadonlyMap<string, string>,
  order?: readonly string[],
): ReplicaDifference[] {
  const keys = [...new Set([...left.keys(), ...right.keys()])];
  if (order) keys.sort((a, b) => order.indexOf(a) - order.indexOf(b));
  else keys.sort((a, b) => a.localeCompare(b));
  const out: ReplicaDifference[] = [];
  for (const key of keys) {
    const l = left.get(key);
    const r = right.get(key);
    if (l === r) continue;
    out.push({
      section,
      key,
      ...(l !== undefined ? { left: l } : {}),
      ...(r !== undefined ? { right: r } : {}),
    });
  }
  return out;
}

/** What differs between two replicas: image, command, env, labels, mounts, limits — nothing else. */
export function diffReplicas(left: ContainerDetails, right: ContainerDetails): ReplicaDifference[] {
  const fields = (d: ContainerDetails) =>
    new Map([
      ['image', d.image],
      ['image id', d.imageId],
    ]);
  const command = (d: ContainerDetails) =>
    new Map([
      ['entrypoint', shellJoin(d.entrypoint)],
      ['cmd', shellJoin(d.cmd)],
    ]);
  const mounts = (d: ContainerDetails) => new Map(d.mounts.map((m) => [m.destination, mountText(m)]));
  const limits = (d: ContainerDetails) => {
    const texts = limitTexts(d.limits ?? {});
    // Unlimited is a value here: one replica capped and the other not is a difference.
    return new Map(LIMIT_LABELS.map((label) => [label, texts.get(label) ?? 'unlimited']));
  };
  return [
    ...mapDiff('image', fields(left), fields(right), ['image', 'image id']),
    ...mapDiff('command', command(left), command(right), ['entrypoint', 'cmd']),
    ...mapDiff('env', envMap(left.env), envMap(right.env)),
    ...mapDiff('labels', new Map(Object.entries(left.labels)), new Map(Object.entries(right.labels))),
    ...mapDiff('mounts', mounts(left), mounts(right)),
    ...mapDiff('limits', limits(left), limits(right), LIMIT_LABELS),
  ];
}
