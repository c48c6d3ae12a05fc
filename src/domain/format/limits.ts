import type { ResourceLimits } from '../details.js';
import { formatBytes } from './bytes.js';

const MIB = 1024 * 1024;

/** Decimal like every figure, with the binary size an operator typed (`256m`) when it is whole. */
function bytesAsSet(bytes: number): string {
  if (bytes < 0) return 'unlimited';
  const binary =
    bytes % (1024 * MIB) === 0
      ? `${bytes / (1024 * MIB)} GiB`
      : bytes % MIB === 0
        ? `${bytes / MIB} MiB`
        : '';
  return binary ? `${formatBytes(bytes)} (${binary})` : formatBytes(bytes);
}

/** Every limit Docker can set on a container, by label, in display order. */
export const LIMIT_LABELS = [
  'cpus',
  'cpu shares',
  'cpuset',
  'memory',
  'memory reservation',
  'memory+swap',
  'pids',
] as const;
export type LimitLabel = (typeof LIMIT_LABELS)[number];

/** The limits that are set, as label → text; an absent label is unlimited. */
export function limitTexts(limits: ResourceLimits): Map<LimitLabel, string> {
  const out = new Map<LimitLabel, string>();
  if (limits.cpus !== undefined) out.set('cpus', `${Number(limits.cpus.toFixed(3))}`);
  if (limits.cpuShares !== undefined) out.set('cpu shares', `${limits.cpuShares}`);
  if (limits.cpuset !== undefined) out.set('cpuset', limits.cpuset);
  if (limits.memoryBytes !== undefined) out.set('memory', bytesAsSet(limits.memoryBytes));
  if (limits.memoryReservationBytes !== undefined)
    out.set('memory reservation', bytesAsSet(limits.memoryReservationBytes));
  if (limits.memorySwapBytes !== undefined) out.set('memory+swap', bytesAsSet(limits.memorySwapBytes));
  if (limits.pids !== undefined) out.set('pids', `${limits.pids}`);
  return out;
}
