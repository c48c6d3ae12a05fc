import { describe, expect, it } from 'vitest';
import { parseDf } from '../../../src/domain/health/df.js';
import {
  parseLoadavg,
  parseMeminfo,
  parseVitalsOutput,
  vitalsCommand,
} from '../../../src/domain/health/vitals.js';

const MEMINFO = `MemTotal:       24683520 kB
MemFree:        24166400 kB
MemAvailable:   24327168 kB
Buffers:            2048 kB
Cached:           380000 kB
SwapTotal:             0 kB
SwapFree:              0 kB
HugePages_Total:       0
`;

const DF = `Filesystem         1-blocks        Used   Available Capacity Mounted on
/dev/vda       270553174016 24164913152 84779380736      23% /
tmpfs               1048576           0     1048576       0% /mnt/with space
`;

describe('host vitals parsers', () => {
  it('read /proc/loadavg', () => {
    expect(parseLoadavg('0.52 0.58 0.59 2/345 12345\n')).toEqual({
      one: 0.52,
      five: 0.58,
      fifteen: 0.59,
      runnable: 2,
      total: 345,
    });
    expect(parseLoadavg('garbage')).toBeUndefined();
  });

  it('read /proc/meminfo in KiB', () => {
    const m = parseMeminfo(MEMINFO);
    expect(m).toMatchObject({
      totalBytes: 24_683_520 * 1024,
      availableBytes: 24_327_168 * 1024,
      freeBytes: 24_166_400 * 1024,
      swapTotalBytes: 0,
    });
    expect(m?.usedPercent).toBeCloseTo(1.4437, 4);
  });

  it('estimate available memory on kernels without MemAvailable', () => {
    const m = parseMeminfo('MemTotal: 1000 kB\nMemFree: 100 kB\nBuffers: 50 kB\nCached: 250 kB\n');
    expect(m?.availableBytes).toBe(400 * 1024);
    expect(m?.usedPercent).toBe(60);
    expect(parseMeminfo('nothing here')).toBeUndefined();
  });

  it('read df -P -B1 rows, mount points with spaces included', () => {
    expect(parseDf(DF)).toEqual([
      {
        filesystem: '/dev/vda',
        totalBytes: 270_553_174_016,
        usedBytes: 24_164_913_152,
        availableBytes: 84_779_380_736,
        capacityPercent: 23,
        mountedOn: '/',
      },
      {
        filesystem: 'tmpfs',
        totalBytes: 1_048_576,
        usedBytes: 0,
        availableBytes: 1_048_576,
        capacityPercent: 0,
        mountedOn: '/mnt/with space',
      },
    ]);
    expect(parseDf('df: /nope: No such file or directory\n')).toEqual([]);
  });

  it('build one command and split its sections', () => {
    expect(vitalsCommand(['/', "/it's"])).toBe(
      "cat /proc/loadavg; echo ---; cat /proc/meminfo; echo ---; nproc 2>/dev/null || getconf _NPROCESSORS_ONLN; echo ---; df -P -B1 '/' '/it'\\''s'",
    );
    const out = `0.10 0.20 0.30 1/99 7\n---\n${MEMINFO}---\n2\n---\n${DF}`;
    const v = parseVitalsOutput('lab-1', out, 42);
    expect(v).toMatchObject({ host: 'lab-1', cpuCount: 2, unread: [], checkedAt: 42 });
    expect(v.load?.fifteen).toBe(0.3);
    expect(v.filesystems).toHaveLength(2);
  });

  it('list the sections that did not parse', () => {
    const v = parseVitalsOutput('h', '0.1 0.2 0.3\n---\n---\n---\n', 0);
    expect(v.load?.one).toBe(0.1);
    expect(v.unread.map((u) => u.what)).toEqual(['/proc/meminfo', 'df -P -B1']);
    expect(v.cpuCount).toBeUndefined();
  });
});
