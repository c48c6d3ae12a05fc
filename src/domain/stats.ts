/** One one-shot stats sample of a container (GET /containers/{id}/stats?stream=false&one-shot=true). */
export interface StatsSample {
  host: string;
  id: string;
  /** Epoch ms of the sample (from `read`). */
  time: number;
  cpuTotalNs: number;
  systemCpuNs: number;
  onlineCpus: number;
  memUsageBytes: number;
  memLimitBytes: number;
}

/** CPU% between two samples of the same container, as `docker stats` computes it. */
export function cpuPercent(prev: StatsSample, next: StatsSample): number | undefined {
  const cpuDelta = next.cpuTotalNs - prev.cpuTotalNs;
  const sysDelta = next.systemCpuNs - prev.systemCpuNs;
  if (sysDelta <= 0 || cpuDelta < 0) return undefined;
  return (cpuDelta / sysDelta) * Math.max(1, next.onlineCpus) * 100;
}
