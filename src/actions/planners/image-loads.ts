import type { ImageLoadStep } from '../types.js';
import { PlanError } from './signal-plan.js';

export interface ImageLoadInput {
  image: string;
  /** Hosts whose replicas are replaced: each must hold the image before anything stops. */
  targets: readonly string[];
  /** Fleet hosts (targets or not) where the image is present. */
  presentOn: readonly string[];
  /** Fleet hosts that did not answer: never chosen as a source while another host has the image. */
  down?: readonly string[];
}

/**
 * Which host ships the image to each target that lacks it. Sources are preferred up and not
 * themselves targets (their SSH connection and disk are not busy with the rollout), and the
 * targets are spread over the preferred sources in turn, so loads from different sources overlap.
 */
export function planImageLoads(input: ImageLoadInput): ImageLoadStep[] {
  const missing = input.targets.filter((h) => !input.presentOn.includes(h)).sort();
  if (missing.length === 0) return [];
  const sources = [...new Set(input.presentOn)].sort();
  if (sources.length === 0) {
    throw new PlanError(
      `image ${input.image} is on no fleet host (missing on ${missing.join(', ')}) — nothing was stopped; ` +
        `build or pull it on one host (or \`docker load\` it there) and redeploy again`,
    );
  }
  const down = new Set(input.down ?? []);
  const isTarget = (h: string): boolean => input.targets.includes(h);
  const tiers = [
    sources.filter((h) => !down.has(h) && !isTarget(h)),
    sources.filter((h) => !down.has(h)),
    sources,
  ];
  const best = tiers.find((t) => t.length > 0)!;
  return missing.map((to, i) => ({ image: input.image, from: best[i % best.length]!, to }));
}

export function describeLoad(l: ImageLoadStep): string {
  return `load ${l.image} on ${l.to} from ${l.from} (docker save on ${l.from} streamed into docker load on ${l.to} over SSH)`;
}
