import type { Container } from '../../../domain/container.js';
import type { DetailsTarget } from '../../dashboard/state.js';

/**
 * The other replicas of `target`'s role, next one first: those after it in the fleet's order (host
 * order, then name), then those before — so "the next replica" is the first.
 */
export function replicasOf(containers: readonly Container[], target: DetailsTarget | undefined): Container[] {
  if (!target) return [];
  const at = containers.findIndex((c) => c.host === target.host && c.id === target.id);
  const self = containers[at];
  if (!self) return [];
  const same = (c: Container): boolean => c.role === self.role && c !== self;
  return [...containers.slice(at + 1).filter(same), ...containers.slice(0, at).filter(same)];
}

export function targetOf(c: Container): DetailsTarget {
  return { host: c.host, id: c.id, name: c.name };
}
