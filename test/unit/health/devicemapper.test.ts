import { describe, expect, it } from 'vitest';
import { assessDevicemapper, parseDevicemapperStatus } from '../../../src/domain/health/devicemapper.js';
import { assessStorage } from '../../../src/domain/health/storage.js';
import { DEFAULT_USAGE_THRESHOLDS } from '../../../src/domain/health/types.js';
import { loadDockerInfo, dockerInfoFixtureFiles } from './docker-info-fixtures.js';

const T = DEFAULT_USAGE_THRESHOLDS;
const NOW = 1_750_000_000_000;

const RKE = 'devicemapper-direct-lvm-1.12-rke-491.json';
const KATA = 'devicemapper-direct-lvm-18.06-kata-1446.json';
const CLUSTERDOCK = 'devicemapper-loop-lvm-17.03-clusterdock-27.json';
const NEARLY_FULL = 'devicemapper-loop-lvm-nearly-full-18.06-docker-cli-2495.json';

describe('docker-info fixtures carried in test/fixtures', () => {
  it('are all covered by this suite', () => {
    expect(dockerInfoFixtureFiles().sort()).toEqual([CLUSTERDOCK, KATA, RKE, NEARLY_FULL].sort());
  });

  it('1.12 direct-lvm (space before units, empty Data file rows) parses exactly and is ok', () => {
    const s = parseDevicemapperStatus(loadDockerInfo(RKE).driverStatus);
    expect(s).toMatchObject({
      poolName: 'docker-docker--pool',
      poolBlocksizeBytes: 524_300,
      baseDeviceSizeBytes: 10_740_000_000,
      backingFilesystem: 'xfs',
      data: { usedBytes: 15_310_000_000, totalBytes: 61_200_000_000, availableBytes: 45_880_000_000 },
      metadata: { usedBytes: 6_103_000, totalBytes: 67_110_000, availableBytes: 61_010_000 },
      thinPoolMinimumFreeBytes: 6_119_000_000,
      loopLvm: false,
      udevSyncSupported: true,
      deferredRemovalEnabled: true,
      deferredDeletionEnabled: true,
      missingRows: [],
    });
    expect(s.dataLoopFile).toBeUndefined();
    expect(s.data.usedPercent).toBeCloseTo(25.016, 3);
    expect(s.metadata.usedPercent).toBeCloseTo(9.094, 3);
    const health = assessStorage('rke-1', loadDockerInfo(RKE), { unread: [] }, T, NOW);
    expect(health.verdict).toBe('ok');
    expect(health.unread).toEqual([]);
    expect(health.findings.map((f) => f.message)).toEqual([
      'rke-1: devicemapper data space 25% used (45.88 GB of 61.2 GB available)',
      'rke-1: devicemapper metadata space 9.1% used (6.1 MB of 67.11 MB)',
    ]);
  });

  it('18.06 direct-lvm (no space before units, different row order) parses exactly and is ok', () => {
    const s = parseDevicemapperStatus(loadDockerInfo(KATA).driverStatus);
    expect(s).toMatchObject({
      poolName: 'docker-thinpool',
      poolBlocksizeBytes: 524_300,
      data: { usedBytes: 6_162_000_000, totalBytes: 94_480_000_000, availableBytes: 88_310_000_000 },
      metadata: { usedBytes: 860_200, totalBytes: 994_100_000, availableBytes: 993_200_000 },
      thinPoolMinimumFreeBytes: 9_448_000_000,
      loopLvm: false,
      missingRows: [],
    });
    expect(s.data.usedPercent).toBeCloseTo(6.522, 3);
    expect(assessStorage('kata', loadDockerInfo(KATA), { unread: [] }, T, NOW).verdict).toBe('ok');
  });

  it('17.03 loop-lvm is healthy in space but flagged as unsuitable for production (warn)', () => {
    const s = parseDevicemapperStatus(loadDockerInfo(CLUSTERDOCK).driverStatus);
    expect(s).toMatchObject({
      poolBlocksizeBytes: 65_540,
      data: { usedBytes: 11_160_000_000, totalBytes: 107_400_000_000, availableBytes: 96_220_000_000 },
      metadata: { usedBytes: 8_757_000, totalBytes: 2_147_000_000, availableBytes: 2_139_000_000 },
      thinPoolMinimumFreeBytes: 10_740_000_000,
      loopLvm: true,
      dataLoopFile: '/media/data/linux/docker/devicemapper/devicemapper/data',
      metadataLoopFile: '/media/data/linux/docker/devicemapper/devicemapper/metadata',
      deferredRemovalEnabled: false,
    });
    const health = assessStorage('cd-1', loadDockerInfo(CLUSTERDOCK), { unread: [] }, T, NOW);
    expect(health.verdict).toBe('warn');
    const warn = health.findings.filter((f) => f.level !== 'ok');
    expect(warn).toHaveLength(1);
    expect(warn[0]?.message).toMatch(
      /^cd-1: devicemapper runs on loop-lvm .*unsuitable for production.*direct-lvm/,
    );
  });

  it('18.06 loop-lvm nearly full (partial paste): Available below the minimum free space is crit', () => {
    const info = loadDockerInfo(NEARLY_FULL);
    expect(info.truncated).toBe(true);
    const s = parseDevicemapperStatus(info.driverStatus);
    expect(s).toMatchObject({
      poolBlocksizeBytes: 65_540,
      data: { usedBytes: 390_600_000, totalBytes: 107_400_000_000, availableBytes: 3_965_000_000 },
      metadata: { usedBytes: 17_900_000, totalBytes: 2_147_000_000, availableBytes: 2_130_000_000 },
      thinPoolMinimumFreeBytes: 10_740_000_000,
      loopLvm: true,
      missingRows: [],
    });
    // Rows the paste lost are unknown, not false.
    expect(s.deferredRemovalEnabled).toBeUndefined();
    expect(s.deferredDeletionEnabled).toBeUndefined();

    const health = assessStorage('lab-0', info, { unread: [] }, T, NOW);
    expect(health.verdict).toBe('crit');
    const crit = health.findings.filter((f) => f.level === 'crit');
    expect(crit).toHaveLength(1);
    expect(crit[0]?.message).toBe(
      "lab-0: devicemapper thin pool data space available 3.97 GB is below the pool's minimum free space 10.74 GB " +
        '(the pool itself holds only 390.6 MB, but the filesystem holding /var/lib/docker/devicemapper/devicemapper/data ' +
        'is nearly full) — image pulls and container creates will fail; free space on that filesystem or prune images',
    );
    expect(health.findings.some((f) => f.level === 'warn' && f.message.includes('loop-lvm'))).toBe(true);
  });
});

describe('devicemapper rows', () => {
  const rows = loadDockerInfo(KATA).driverStatus;

  it('are found by label whatever their order', () => {
    const reversed = [...rows].reverse();
    expect(parseDevicemapperStatus(reversed)).toEqual(parseDevicemapperStatus(rows));
  });

  it('that are missing are unknown, reported as unread, and never read as zero', () => {
    const partial = rows.filter(
      ([label]) => !/^(Data Space Available|Thin Pool Minimum Free Space)$/.test(label),
    );
    const s = parseDevicemapperStatus(partial);
    expect(s.data.availableBytes).toBeUndefined();
    expect(s.thinPoolMinimumFreeBytes).toBeUndefined();
    expect(s.missingRows).toEqual(['Data Space Available', 'Thin Pool Minimum Free Space']);
    const a = assessDevicemapper('h', s, T);
    expect(a.unread.map((u) => u.what)).toEqual([
      'devicemapper Data Space Available',
      'devicemapper Thin Pool Minimum Free Space',
    ]);
    expect(a.findings.every((f) => f.level === 'ok')).toBe(true);
  });

  it('survive an empty DriverStatus without throwing', () => {
    const s = parseDevicemapperStatus([]);
    expect(s.missingRows).toHaveLength(7);
    expect(assessDevicemapper('h', s, T).findings).toEqual([]);
  });

  it('turn warn then crit as the pool fills, by the thresholds passed in', () => {
    const at = (available: string) =>
      parseDevicemapperStatus([
        ['Data Space Used', '0 B'],
        ['Data Space Total', '100 GB'],
        ['Data Space Available', available],
        ['Thin Pool Minimum Free Space', '1 GB'],
      ]);
    expect(assessDevicemapper('h', at('25 GB'), T).findings[0]?.level).toBe('ok');
    expect(assessDevicemapper('h', at('15 GB'), T).findings[0]?.level).toBe('warn');
    expect(assessDevicemapper('h', at('5 GB'), T).findings[0]?.level).toBe('crit');
    expect(
      assessDevicemapper('h', at('15 GB'), { warnPercent: 90, critPercent: 95 }).findings[0]?.level,
    ).toBe('ok');
  });

  it('flag metadata below its minimum free space as crit', () => {
    const s = parseDevicemapperStatus([
      ['Data Space Used', '10 GB'],
      ['Data Space Total', '100 GB'],
      ['Data Space Available', '90 GB'],
      ['Metadata Space Used', '1.95 GB'],
      ['Metadata Space Total', '2 GB'],
      ['Metadata Space Available', '50 MB'],
      ['Thin Pool Minimum Free Space', '10 GB'],
    ]);
    const crit = assessDevicemapper('h', s, T).findings.filter((f) => f.level === 'crit');
    expect(crit.map((f) => f.message)).toEqual([
      "h: devicemapper metadata space available 50 MB is below the pool's minimum 200 MB — image pulls and " +
        'container creates will fail; extend the pool metadata (lvextend --poolmetadatasize) or remove unused containers and images',
    ]);
  });

  it('treat a Data file on /dev/loop as loop-lvm even when the loop-file rows were cut off', () => {
    expect(parseDevicemapperStatus([['Data file', '/dev/loop0']]).loopLvm).toBe(true);
    expect(parseDevicemapperStatus([['Data file', '']]).loopLvm).toBe(false);
  });
});
