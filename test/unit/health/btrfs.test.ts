import { describe, expect, it } from 'vitest';
import { assessBtrfs, parseBtrfsUsage } from '../../../src/domain/health/btrfs.js';
import { parseDf } from '../../../src/domain/health/df.js';
import { DEFAULT_USAGE_THRESHOLDS } from '../../../src/domain/health/types.js';
import { localFixture } from './docker-info-fixtures.js';

const T = DEFAULT_USAGE_THRESHOLDS;
const ROOT = '/var/lib/docker';

describe('parseBtrfsUsage on real `btrfs filesystem usage -b` output (btrfs-progs 6.2)', () => {
  it('reads a fresh filesystem exactly', () => {
    expect(parseBtrfsUsage(localFixture('btrfs-usage-fresh.txt'))).toEqual({
      deviceSizeBytes: 1_258_291_200,
      deviceAllocatedBytes: 150_994_944,
      deviceUnallocatedBytes: 1_107_296_256,
      usedBytes: 294_912,
      freeEstimatedBytes: 1_115_684_864,
      freeStatfsBytes: 1_114_636_288,
      dataRatio: 1,
      metadataRatio: 2,
      globalReserveBytes: 5_767_168,
      data: { profile: 'single', sizeBytes: 8_388_608, usedBytes: 0 },
      metadata: { profile: 'DUP', sizeBytes: 62_914_560, usedBytes: 131_072 },
      system: { profile: 'DUP', sizeBytes: 8_388_608, usedBytes: 16_384 },
    });
  });

  it('reads the lab host 0 data root (read over its SSH connection)', () => {
    const u = parseBtrfsUsage(localFixture('btrfs-usage-lab-host0.txt'));
    expect(u).toMatchObject({
      deviceSizeBytes: 1_073_741_824,
      deviceUnallocatedBytes: 823_787_520,
      freeEstimatedBytes: 947_097_600,
      data: { profile: 'single', sizeBytes: 125_829_120, usedBytes: 2_519_040 },
      metadata: { profile: 'DUP', sizeBytes: 53_673_984, usedBytes: 1_409_024 },
    });
    expect(assessBtrfs('lab-0', ROOT, u, undefined, T).map((f) => f.level)).toEqual(['ok']);
  });

  it('reads sizes printed without -b too', () => {
    const u = parseBtrfsUsage(
      [
        'Overall:',
        '    Device size:\t\t   1.17GiB',
        '    Device unallocated:\t\t   1.00MiB',
        '    Free (estimated):\t\t 532.00MiB\t(min: 532.00MiB)',
        '',
        'Data,single: Size:1.04GiB, Used:531.00MiB (49.95%)',
      ].join('\n'),
    );
    expect(u.deviceSizeBytes).toBe(Math.round(1.17 * 2 ** 30));
    expect(u.deviceUnallocatedBytes).toBe(2 ** 20);
    expect(u.data).toEqual({
      profile: 'single',
      sizeBytes: Math.round(1.04 * 2 ** 30),
      usedBytes: 531 * 2 ** 20,
    });
  });

  it('leaves what is not printed undefined (not root: no chunk details; errors)', () => {
    expect(parseBtrfsUsage('ERROR: not a btrfs filesystem: /\n')).toEqual({});
    const u = parseBtrfsUsage('Overall:\n    Device size:\t\t 1000\n');
    expect(u.deviceSizeBytes).toBe(1000);
    expect(u.metadata).toBeUndefined();
  });

  it('reads mixed block groups as one pool for data and metadata', () => {
    const u = parseBtrfsUsage('Data+Metadata,single: Size:100, Used:40 (40.00%)\n');
    expect(u.data).toEqual({ profile: 'single', sizeBytes: 100, usedBytes: 40 });
    expect(u.metadata).toBe(u.data);
  });
});

describe('assessBtrfs', () => {
  it('a fresh filesystem is ok', () => {
    const f = assessBtrfs(
      'lab-0',
      ROOT,
      parseBtrfsUsage(localFixture('btrfs-usage-fresh.txt')),
      undefined,
      T,
    );
    expect(f).toEqual([
      {
        level: 'ok',
        message:
          'lab-0: btrfs filesystem holding /var/lib/docker is 0% full (1.12 GB free, 1.11 GB unallocated)',
      },
    ]);
  });

  it('data chunks full and nothing unallocated is crit', () => {
    const u = parseBtrfsUsage(localFixture('btrfs-usage-data-full.txt'));
    expect(u.data).toEqual({ profile: 'single', sizeBytes: 1_102_053_376, usedBytes: 1_051_721_728 });
    const f = assessBtrfs('lab-0', ROOT, u, undefined, T);
    expect(f.map((x) => x.level)).toEqual(['crit']);
    expect(f[0]?.message).toBe(
      'lab-0: btrfs filesystem holding /var/lib/docker is 95.4% full (50.33 MB free, 13.63 MB unallocated) — ' +
        'prune unused images, containers and build cache (docker system prune) or grow the filesystem',
    );
  });

  it('metadata nearly full with nothing unallocated is crit ENOSPC although df shows half the disk free', () => {
    // Recorded on a 1.2 GB loop image: every write failed with ENOSPC while df said 55% used.
    const u = parseBtrfsUsage(localFixture('btrfs-usage-metadata-enospc.txt'));
    expect(u.metadata).toEqual({ profile: 'DUP', sizeBytes: 62_914_560, usedBytes: 53_166_080 });
    expect(u.deviceUnallocatedBytes).toBe(1_048_576);
    const df = parseDf(localFixture('btrfs-df-metadata-enospc.txt'))[0];
    expect(df?.capacityPercent).toBe(55);
    const f = assessBtrfs('lab-0', ROOT, u, df, T);
    expect(f.map((x) => x.level)).toEqual(['ok', 'crit']);
    expect(f[1]?.message).toBe(
      'lab-0: btrfs metadata holding /var/lib/docker is 93.7% full (incl. the 5.77 MB global reserve) and only ' +
        '1.05 MB is unallocated for new metadata chunks — writes fail with "no space left on device" even though ' +
        'df shows 557.84 MB free; run `btrfs balance start -dusage=50 /var/lib/docker` to return half-empty data ' +
        'chunks, then prune images',
    );
  });

  it('full metadata is fine while unallocated space can take new metadata chunks', () => {
    const u = parseBtrfsUsage(localFixture('btrfs-usage-metadata-enospc.txt'));
    const roomy = { ...u, deviceUnallocatedBytes: 600_000_000 };
    expect(assessBtrfs('h', ROOT, roomy, undefined, T).map((x) => x.level)).toEqual(['ok']);
  });

  it('falls back to df when btrfs usage could not be read', () => {
    const df = parseDf(localFixture('btrfs-df-data-full.txt'))[0];
    const f = assessBtrfs('h', ROOT, undefined, df, T);
    expect(f.map((x) => x.level)).toEqual(['crit']);
    expect(f[0]?.message).toMatch(
      /^h: filesystem holding \/var\/lib\/docker \(\/dev\/loop0 on .*\) is 95% full/,
    );
  });

  it('says nothing when neither was read', () => {
    expect(assessBtrfs('h', ROOT, undefined, undefined, T)).toEqual([]);
  });
});
