import { describe, expect, it } from 'vitest';
import { cpuLoadSampler, type CpuTimes } from '../../../src/fleet/health/local-cpu.js';
import { linuxFsSize, storageMounts } from '../../../src/fleet/health/local-fs.js';

const PROC_MOUNTS = [
  'proc /proc proc rw,relatime 0 0',
  'tmpfs /dev/shm tmpfs rw,relatime,size=24683584k 0 0',
  '/dev/vda / ext4 rw,relatime 0 0',
  'cgroup /sys/fs/cgroup/cpu cgroup rw,relatime,cpu 0 0',
  '/dev/vda /var/lib/docker ext4 rw,relatime 0 0', // a bind mount of the same device
  'overlay /var/lib/docker/overlay2/abc/merged overlay rw,lowerdir=/x 0 0',
  '/dev/sdb1 /mnt/my\\040disk xfs rw 0 0',
  'tank/data /tank/data zfs rw 0 0',
  'gone /gone ext4 rw 0 0',
  '',
].join('\n');

describe('local filesystems without a child process', () => {
  it('keeps storage mounts, each device once, no pseudo or memory filesystems', () => {
    expect(storageMounts(PROC_MOUNTS)).toEqual([
      { device: '/dev/vda', mount: '/' },
      { device: '/dev/sdb1', mount: '/mnt/my disk' },
      { device: 'tank/data', mount: '/tank/data' },
      { device: 'gone', mount: '/gone' },
    ]);
  });

  it('computes size, used, available and use% as df does; a mount that cannot be read is left out', async () => {
    const rows = await linuxFsSize({
      readMounts: async () => PROC_MOUNTS,
      statfs: async (path) => {
        if (path === '/gone') throw new Error('ENOENT');
        // 100 blocks of 4 KiB, 40 free, 30 of them for users (10 reserved for root)
        return { bsize: 4096, blocks: 100, bfree: 40, bavail: 30 };
      },
    });
    expect(rows.map((r) => r.mount)).toEqual(['/', '/mnt/my disk', '/tank/data']);
    expect(rows[0]).toEqual({
      fs: '/dev/vda',
      size: 409_600,
      used: 245_760,
      available: 122_880,
      use: (60 / 90) * 100,
      mount: '/',
    });
  });
});

describe('local CPU load without a child process', () => {
  it('is the busy share of the ticks since the previous sample', async () => {
    const cpu = (user: number, idle: number) => ({ times: { user, nice: 0, sys: 0, idle, irq: 0 } });
    const samples: CpuTimes[] = [
      [cpu(100, 300), cpu(100, 300)],
      [cpu(150, 350), cpu(130, 370)], // +80 busy of +200
      [cpu(150, 350), cpu(130, 370)], // no ticks: 0, not NaN
    ];
    const sample = cpuLoadSampler(() => samples.shift() ?? []);
    expect((await sample()).currentLoad).toBe(25); // since boot
    expect((await sample()).currentLoad).toBe(40);
    expect((await sample()).currentLoad).toBe(0);
  });
});
