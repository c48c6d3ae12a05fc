import type { FleetEvent } from '../domain/event.js';
import type { StatsSample } from '../domain/stats.js';
import type { RawEvent, RawStats } from './api-types.js';

/** Memory in use as `docker stats` shows it: usage minus the inactive page cache. */
function memUsage(m: NonNullable<RawStats['memory_stats']>): number {
  const usage = m.usage ?? 0;
  const stats = m.stats ?? {};
  // cgroup v1 reports total_inactive_file, v2 inactive_file.
  const inactive = stats.total_inactive_file ?? stats.inactive_file ?? 0;
  return inactive < usage ? usage - inactive : usage;
}

/** A one-shot stats answer as a StatsSample. */
export function mapStats(host: string, id: string, raw: RawStats, now: number): StatsSample {
  const cpu = raw.cpu_stats ?? {};
  const read = raw.read ? Date.parse(raw.read) : NaN;
  return {
    host,
    id,
    time: Number.isFinite(read) && read > 0 ? read : now,
    cpuTotalNs: cpu.cpu_usage?.total_usage ?? 0,
    systemCpuNs: cpu.system_cpu_usage ?? 0,
    onlineCpus: cpu.online_cpus ?? cpu.cpu_usage?.percpu_usage?.length ?? 1,
    memUsageBytes: raw.memory_stats ? memUsage(raw.memory_stats) : 0,
    memLimitBytes: raw.memory_stats?.limit ?? 0,
  };
}

/** One /events message as a FleetEvent (old daemons only send status/id). */
export function mapEvent(host: string, raw: RawEvent): FleetEvent {
  const time = raw.timeNano ? Math.floor(raw.timeNano / 1e6) : (raw.time ?? 0) * 1000;
  return {
    host,
    time,
    ...(raw.timeNano ? { timeNano: raw.timeNano } : {}),
    type: raw.Type ?? 'container',
    action: raw.Action ?? raw.status ?? '',
    actorId: raw.Actor?.ID ?? raw.id ?? '',
    attributes: raw.Actor?.Attributes ?? {},
  };
}
