import { parseDf } from './df.js';
import type { HostVitals, LoadAverage, MemoryInfo, Unread } from './types.js';

/** `/proc/loadavg`: `0.52 0.58 0.59 2/345 12345`. */
export function parseLoadavg(text: string): LoadAverage | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s+(\d+(?:\.\d+)?)\s+(\d+(?:\.\d+)?)(?:\s+(\d+)\/(\d+))?/.exec(text);
  if (!m) return undefined;
  return {
    one: Number(m[1]),
    five: Number(m[2]),
    fifteen: Number(m[3]),
    runnable: m[4] === undefined ? undefined : Number(m[4]),
    total: m[5] === undefined ? undefined : Number(m[5]),
  };
}

/** `/proc/meminfo` (`MemTotal:  24683520 kB`, kB meaning KiB here). */
export function parseMeminfo(text: string): MemoryInfo | undefined {
  const fields = new Map<string, number>();
  for (const line of text.split('\n')) {
    const m = /^(\w+(?:\(\w+\))?):\s+(\d+)(\s+kB)?\s*$/.exec(line.trim());
    if (m?.[1] && m[2]) fields.set(m[1], Number(m[2]) * (m[3] ? 1024 : 1));
  }
  const totalBytes = fields.get('MemTotal');
  if (totalBytes === undefined || totalBytes <= 0) return undefined;
  // Kernels before 3.14 lack MemAvailable; free + reclaimable page cache approximates it.
  const availableBytes =
    fields.get('MemAvailable') ??
    (fields.get('MemFree') ?? 0) + (fields.get('Buffers') ?? 0) + (fields.get('Cached') ?? 0);
  return {
    totalBytes,
    availableBytes,
    freeBytes: fields.get('MemFree'),
    swapTotalBytes: fields.get('SwapTotal'),
    swapFreeBytes: fields.get('SwapFree'),
    usedPercent: ((totalBytes - availableBytes) / totalBytes) * 100,
  };
}

export const VITALS_SEPARATOR = '---';

/** One shell command printing every vital, sections split by a `---` line. */
export function vitalsCommand(paths: readonly string[]): string {
  const quoted = paths.map((p) => `'${p.replace(/'/g, `'\\''`)}'`).join(' ');
  return [
    'cat /proc/loadavg',
    `echo ${VITALS_SEPARATOR}`,
    'cat /proc/meminfo',
    `echo ${VITALS_SEPARATOR}`,
    'nproc 2>/dev/null || getconf _NPROCESSORS_ONLN',
    `echo ${VITALS_SEPARATOR}`,
    `df -P -B1 ${quoted}`,
  ].join('; ');
}

/** Parses the output of `vitalsCommand`; sections that did not parse are listed as unread. */
export function parseVitalsOutput(host: string, stdout: string, checkedAt: number): HostVitals {
  const [loadText = '', memText = '', cpuText = '', dfText = ''] = stdout.split(
    new RegExp(`^${VITALS_SEPARATOR}$`, 'm'),
  );
  const unread: Unread[] = [];
  const load = parseLoadavg(loadText);
  if (!load) unread.push({ what: '/proc/loadavg', reason: 'no load average in the output' });
  const memory = parseMeminfo(memText);
  if (!memory) unread.push({ what: '/proc/meminfo', reason: 'no MemTotal in the output' });
  const cpus = Number(cpuText.trim());
  const filesystems = parseDf(dfText);
  if (filesystems.length === 0)
    unread.push({ what: 'df -P -B1', reason: 'no filesystem rows in the output' });
  return {
    host,
    load,
    cpuCount: Number.isInteger(cpus) && cpus > 0 ? cpus : undefined,
    memory,
    filesystems,
    unread,
    checkedAt,
  };
}
