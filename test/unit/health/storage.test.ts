import { describe, expect, it } from 'vitest';
import { parseDf } from '../../../src/domain/health/df.js';
import { summariseDiskUsage } from '../../../src/domain/health/disk-usage.js';
import { assessStorage, driverFamily } from '../../../src/domain/health/storage.js';
import { DEFAULT_USAGE_THRESHOLDS, type DfRow } from '../../../src/domain/health/types.js';
import type { DockerInfo } from '../../../src/domain/info.js';

const T = DEFAULT_USAGE_THRESHOLDS;

function info(
  driver: string,
  driverStatus: Array<[string, string]>,
  over: Partial<DockerInfo> = {},
): DockerInfo {
  return {
    serverVersion: '20.10.24',
    driver,
    driverStatus,
    dockerRootDir: '/var/lib/docker',
    containers: 0,
    containersRunning: 0,
    images: 0,
    ...over,
  };
}

const OVERLAY_ROWS: Array<[string, string]> = [
  ['Backing Filesystem', 'extfs'],
  ['Supports d_type', 'true'],
  ['Native Overlay Diff', 'true'],
  ['userxattr', 'false'],
];

function dfRow(usedPercent: number): DfRow {
  const total = 100_000_000_000;
  const used = total * (usedPercent / 100);
  return parseDf(
    `Filesystem 1-blocks Used Available Capacity Mounted on\n/dev/vda ${total} ${used} ${total - used} ${usedPercent}% /\n`,
  )[0] as DfRow;
}

describe('driverFamily', () => {
  it.each([
    ['devicemapper', [], undefined, 'devicemapper'],
    ['btrfs', [], undefined, 'btrfs'],
    ['overlay2', OVERLAY_ROWS, undefined, 'overlay'],
    ['fuse-overlayfs', [], undefined, 'overlay'],
    ['overlayfs', [['driver-type', 'io.containerd.snapshotter.v1']], undefined, 'containerd-snapshotter'],
    ['stargz', [], true, 'containerd-snapshotter'],
    ['zfs', [['Zpool', 'tank']], undefined, 'other'],
    ['vfs', [], undefined, 'other'],
  ] as const)('%s → %s', (driver, rows, snapshotter, family) => {
    expect(
      driverFamily({
        driver,
        driverStatus: rows.map(([l, v]) => [l, v] as [string, string]),
        containerdSnapshotter: snapshotter,
      }),
    ).toBe(family);
  });
});

describe('assessStorage', () => {
  it('overlay2 with d_type support and room is ok, and reads its rows', () => {
    const h = assessStorage(
      'web-1',
      info('overlay2', OVERLAY_ROWS),
      { rootFilesystem: dfRow(40), unread: [] },
      T,
      5,
    );
    expect(h.verdict).toBe('ok');
    expect(h.detail).toEqual({
      kind: 'overlay',
      status: { backingFilesystem: 'extfs', supportsDType: true, nativeOverlayDiff: true, userxattr: false },
      filesystem: dfRow(40),
    });
    expect(h.checkedAt).toBe(5);
  });

  it('overlay2 on a filesystem without d_type is crit', () => {
    const rows: Array<[string, string]> = [
      ['Backing Filesystem', 'xfs'],
      ['Supports d_type', 'false'],
    ];
    const h = assessStorage('old-1', info('overlay2', rows), { rootFilesystem: dfRow(10), unread: [] }, T, 0);
    expect(h.verdict).toBe('crit');
    expect(h.findings[0]?.message).toBe(
      'old-1: overlay2 on xfs of /var/lib/docker does not support d_type — files in containers can go missing or ' +
        'become undeletable, and current Docker refuses to start on it; move the data root to xfs formatted with ftype=1, or ext4',
    );
  });

  it.each([
    [79, 'ok'],
    [80, 'warn'],
    [89, 'warn'],
    [90, 'crit'],
  ] as const)('overlay2 data root %d%% full is %s', (percent, verdict) => {
    const h = assessStorage(
      'h',
      info('overlay2', OVERLAY_ROWS),
      { rootFilesystem: dfRow(percent), unread: [] },
      T,
      0,
    );
    expect(h.verdict).toBe(verdict);
  });

  it('the containerd snapshotter is judged by the free space of the data root', () => {
    const rows: Array<[string, string]> = [['driver-type', 'io.containerd.snapshotter.v1']];
    const h = assessStorage('c', info('overlayfs', rows), { rootFilesystem: dfRow(85), unread: [] }, T, 0);
    expect(h.detail.kind).toBe('containerd-snapshotter');
    expect(h.verdict).toBe('warn');
    expect(h.findings[0]?.message).toContain(
      'c: filesystem holding /var/lib/docker (/dev/vda on /) is 85% full',
    );
  });

  it('unknown drivers keep their rows as printed and are ok when nothing is parsable', () => {
    const rows: Array<[string, string]> = [
      ['Zpool', 'tank'],
      ['Zpool Health', 'ONLINE'],
      ['Parent Dataset', 'tank/docker'],
    ];
    const h = assessStorage('z', info('zfs', rows), { unread: [] }, T, 0);
    expect(h).toMatchObject({ verdict: 'ok', findings: [], driverStatus: rows, detail: { kind: 'other' } });
    expect(assessStorage('v', info('vfs', []), { unread: [] }, T, 0).verdict).toBe('ok');
    expect(
      assessStorage('m', info('some-future-driver', [['Mystery', '42%']]), { unread: [] }, T, 0).verdict,
    ).toBe('ok');
  });

  it('a degraded zfs pool warns', () => {
    const h = assessStorage('z', info('zfs', [['Zpool Health', 'DEGRADED']]), { unread: [] }, T, 0);
    expect(h.verdict).toBe('warn');
  });

  it('lists what it could not read without failing and without a worse verdict', () => {
    const unread = [{ what: 'free space of /var/lib/docker', reason: 'sshd refused a command session' }];
    const h = assessStorage('h', info('overlay2', OVERLAY_ROWS), { unread }, T, 0);
    expect(h.verdict).toBe('ok');
    expect(h.unread).toEqual(unread);
  });

  it('reports reclaimable space from /system/df as advice', () => {
    const diskUsage = summariseDiskUsage({
      images: { count: 5, active: 2, sizeBytes: 2_000_000_000, reclaimableBytes: 1_500_000_000 },
      containers: { count: 3, active: 1, sizeBytes: 10_000, reclaimableBytes: 0 },
      volumes: { count: 1, active: 1, sizeBytes: 0, reclaimableBytes: 0 },
      buildCache: { count: 9, active: 0, sizeBytes: 300_000_000, reclaimableBytes: 300_000_000 },
    });
    expect(diskUsage.totalBytes).toBe(2_300_010_000);
    expect(diskUsage.reclaimableBytes).toBe(1_800_000_000);
    const h = assessStorage('h', info('some-future-driver', []), { diskUsage, unread: [] }, T, 0);
    expect(h.findings).toEqual([
      {
        level: 'ok',
        message:
          'h: 1.8 GB reclaimable (images 1.5 GB, build cache 300 MB) — docker system prune frees unused data',
      },
    ]);
  });
});
