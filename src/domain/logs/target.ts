import type { Container } from '../container.js';
import { parseTarget, resolveTarget, type ContainerSetTarget, type TargetResolution } from '../target.js';

/** A log tail names containers with the same grammar as the actions (see ../target.ts). */
export type LogTarget = ContainerSetTarget;
export type { TargetResolution };
export const parseLogTarget = parseTarget;

/** The containers TARGET text names, in the given order; parse errors as resolution errors. */
export function resolveLogTarget(text: string, containers: readonly Container[]): TargetResolution {
  const target = parseTarget(text);
  if ('error' in target) return { ok: false, error: target.error };
  return resolveTarget(target, containers);
}
