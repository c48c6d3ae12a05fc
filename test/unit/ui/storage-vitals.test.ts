import { describe, expect, it } from 'vitest';
import type { HostVitals } from '../../../src/domain/health/types.js';
import { presentStorage, vitalsFigures } from '../../../src/ui/views/storage/present.js';

const vitals: HostVitals = {
  host: 'web-a',
  load: { one: 0.5, five: 1.25, fifteen: 2 },
  memory: { totalBytes: 4_000_000_000, availableBytes: 1_000_000_000, usedPercent: 75 },
  filesystems: [
    {
      filesystem: '/dev/sda1',
      totalBytes: 100_000_000_000,
      usedBytes: 40_000_000_000,
      availableBytes: 60_000_000_000,
      capacityPercent: 40,
      mountedOn: '/',
    },
  ],
  unread: [{ what: 'df of /var/lib/docker', reason: 'sshd refused a session (MaxSessions 0)' }],
  checkedAt: 0,
};

describe('host vitals in the Storage view', () => {
  it('shows load, memory, each filesystem and what could not be read', () => {
    expect(vitalsFigures(vitals)).toEqual([
      ['load', '0.50 1.25 2.00'],
      ['memory', '3 GB of 4 GB (75%) used'],
      ['disk /', expect.stringContaining('(40%)')],
      ['unread', 'df of /var/lib/docker: sshd refused a session (MaxSessions 0)'],
    ]);
    expect(vitalsFigures(undefined)).toEqual([]);
  });

  it('attaches each host its own vitals', () => {
    const hosts = [
      { name: 'web-a', address: 'a', state: 'up' as const, since: 0 },
      { name: 'web-b', address: 'b', state: 'unreachable' as const, since: 0 },
    ];
    const blocks = presentStorage(hosts, undefined, 0, undefined, new Map([['web-a', vitals]]));
    expect(blocks[0]?.vitals[0]).toEqual(['load', '0.50 1.25 2.00']);
    expect(blocks[1]?.vitals).toEqual([]);
  });
});
