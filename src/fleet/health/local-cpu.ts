import os from 'node:os';

/*
 * This machine's CPU busy share without a child process: systeminformation's currentLoad runs
 * `execSync('cat /proc/stat | grep cpu')` on Linux, on the dashboard's one thread every 5 s. The
 * same figure comes from os.cpus()' tick counters (read from /proc/stat by libuv, in-process).
 */

export type CpuTimes = Array<{
  times: { user: number; nice: number; sys: number; idle: number; irq: number };
}>;

/**
 * A sampler of the busy share since its previous call (the first: since boot), in percent,
 * as systeminformation's currentLoad().currentLoad.
 */
export function cpuLoadSampler(read: () => CpuTimes = () => os.cpus()) {
  let previous = { busy: 0, total: 0 };
  return async (): Promise<{ currentLoad: number }> => {
    let busy = 0;
    let total = 0;
    for (const { times: t } of read()) {
      const all = t.user + t.nice + t.sys + t.idle + t.irq;
      total += all;
      busy += all - t.idle;
    }
    const dTotal = total - previous.total;
    const dBusy = busy - previous.busy;
    previous = { busy, total };
    return { currentLoad: dTotal > 0 ? (dBusy / dTotal) * 100 : 0 };
  };
}
