import type { ContainerUsage, FleetSnapshot } from '../../fleet/snapshot.js';

/** The usage samples of these container keys (those not sampled yet are left out). */
export function usageOf(snapshot: FleetSnapshot, keys: readonly string[]): ContainerUsage[] {
  return keys.map((k) => snapshot.usage.get(k)).filter((u): u is ContainerUsage => u !== undefined);
}
