import type { NetworkAttachment, ResourceLimits } from '../domain/details.js';
import type { RawInspect } from './api-types.js';

const DEFAULT_CPU_SHARES = 1024;

/** `HostConfig`'s limits; Docker writes 0 (pids: 0 or -1) for "unlimited", which we leave out. */
export function limitsOf(raw: RawInspect): ResourceLimits {
  const h = raw.HostConfig ?? {};
  const limits: ResourceLimits = {};
  if (h.NanoCpus) limits.cpus = h.NanoCpus / 1e9;
  else if (h.CpuQuota && h.CpuQuota > 0) limits.cpus = h.CpuQuota / (h.CpuPeriod || 100_000);
  if (h.CpuShares && h.CpuShares !== DEFAULT_CPU_SHARES) limits.cpuShares = h.CpuShares;
  if (h.CpusetCpus) limits.cpuset = h.CpusetCpus;
  if (h.Memory) limits.memoryBytes = h.Memory;
  if (h.MemoryReservation) limits.memoryReservationBytes = h.MemoryReservation;
  if (h.MemorySwap) limits.memorySwapBytes = h.MemorySwap;
  if (typeof h.PidsLimit === 'number' && h.PidsLimit > 0) limits.pids = h.PidsLimit;
  return limits;
}

/**
 * The networks with address and aliases, by name. Docker ≥ 25 lists DNS names apart from the
 * aliases a user gave; both are names the container answers to, so they are shown together.
 */
export function attachmentsOf(raw: RawInspect): NetworkAttachment[] {
  return Object.entries(raw.NetworkSettings?.Networks ?? {})
    .map(([name, n]) => ({
      name,
      ip: n?.IPAddress ?? '',
      ...(n?.GlobalIPv6Address ? { ipv6: n.GlobalIPv6Address } : {}),
      aliases: [...new Set([...(n?.Aliases ?? []), ...(n?.DNSNames ?? [])])],
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
