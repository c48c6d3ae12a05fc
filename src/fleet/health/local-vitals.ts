import os from 'node:os';
import type { DfRow, HostVitals, Unread } from '../../domain/health/types.js';
import { cpuLoadSampler } from './local-cpu.js';
import { linuxFsSize } from './local-fs.js';

/** The parts of `systeminformation` local vitals use; tests pass their own. */
export interface LocalVitalsSource {
  currentLoad(): Promise<{ currentLoad: number }>;
  mem(): Promise<{ total: number; available: number; free: number; swaptotal: number; swapfree: number }>;
  fsSize(): Promise<
    Array<{ fs: string; size: number; used: number; available: number; use: number; mount: string }>
  >;
  loadavg(): number[];
  cpuCount(): number;
}

/** Loaded at the first read, not with the dashboard: ~25 ms of its start, before any vitals are due. */
const systeminformation = async () => (await import('systeminformation')).default;

// Nothing here may run a synchronous child process: it would run on the dashboard's one thread.
const systemSource: LocalVitalsSource = {
  currentLoad: cpuLoadSampler(),
  mem: async () => (await systeminformation()).mem(),
  // Linux: no child process on the UI thread (see local-fs.ts); elsewhere systeminformation's.
  fsSize: async () => (process.platform === 'linux' ? linuxFsSize() : (await systeminformation()).fsSize()),
  loadavg: () => os.loadavg(),
  cpuCount: () => os.cpus().length,
};

async function settle<T>(what: string, p: Promise<T>, unread: Unread[]): Promise<T | undefined> {
  try {
    return await p;
  } catch (err) {
    unread.push({ what, reason: err instanceof Error ? err.message : String(err) });
    return undefined;
  }
}

/** Vitals of the machine fleetdeck runs on, named `host` (default `local`). */
export async function collectLocalVitals(
  host = 'local',
  source: LocalVitalsSource = systemSource,
  now: () => number = Date.now,
): Promise<HostVitals> {
  const unread: Unread[] = [];
  const [load, mem, fs] = await Promise.all([
    settle('CPU load', source.currentLoad(), unread),
    settle('memory', source.mem(), unread),
    settle('filesystems', source.fsSize(), unread),
  ]);
  const [one = 0, five = 0, fifteen = 0] = source.loadavg();
  const filesystems: DfRow[] = (fs ?? []).map((f) => ({
    filesystem: f.fs,
    totalBytes: f.size,
    usedBytes: f.used,
    availableBytes: f.available,
    capacityPercent: Math.ceil(f.use),
    mountedOn: f.mount,
  }));
  return {
    host,
    load: { one, five, fifteen },
    cpuCount: source.cpuCount(),
    cpuBusyPercent: load?.currentLoad,
    memory:
      mem && mem.total > 0
        ? {
            totalBytes: mem.total,
            availableBytes: mem.available,
            freeBytes: mem.free,
            swapTotalBytes: mem.swaptotal,
            swapFreeBytes: mem.swapfree,
            usedPercent: ((mem.total - mem.available) / mem.total) * 100,
          }
        : undefined,
    filesystems,
    unread,
    checkedAt: now(),
  };
}
