import type { EngineKind } from '../engine.js';
import type { DockerInfo } from '../info.js';
import { assessBtrfs } from './btrfs.js';
import { assessDevicemapper, parseDevicemapperStatus } from './devicemapper.js';
import { diskUsageFindings } from './disk-usage.js';
import { rowsByLabel } from './driver-status.js';
import { filesystemFindings } from './filesystem.js';
import { verdictOf } from './levels.js';
import { assessOverlay, parseOverlayStatus } from './overlay.js';
import type {
  BtrfsUsage,
  DfRow,
  DiskUsageSummary,
  Finding,
  StorageDetail,
  StorageHealth,
  Unread,
  UsageThresholds,
} from './types.js';

export type DriverFamily = StorageDetail['kind'];

const OVERLAY_DRIVERS = new Set(['overlay2', 'overlay', 'fuse-overlayfs']);

/** Which family of checks a daemon's storage driver gets. */
export function driverFamily(
  info: Pick<DockerInfo, 'driver' | 'driverStatus' | 'containerdSnapshotter'>,
): DriverFamily {
  const driver = info.driver.toLowerCase();
  if (driver === 'devicemapper') return 'devicemapper';
  if (driver === 'btrfs') return 'btrfs';
  const snapshotterRow = rowsByLabel(info.driverStatus)('driver-type') ?? '';
  if (info.containerdSnapshotter || snapshotterRow.startsWith('io.containerd.snapshotter')) {
    return 'containerd-snapshotter';
  }
  if (OVERLAY_DRIVERS.has(driver)) return 'overlay';
  return 'other';
}

/** What a collector must read on the host itself for a family; devicemapper's rows say enough. */
export function hostReadingsFor(family: DriverFamily): { btrfsUsage: boolean; rootDf: boolean } {
  return { btrfsUsage: family === 'btrfs', rootDf: family !== 'devicemapper' };
}

/** What a collector read beyond `GET /info`; anything absent is listed in `unread`. */
export interface StorageReadings {
  btrfsUsage?: BtrfsUsage;
  /** `df -P -B1 <DockerRootDir>`. */
  rootFilesystem?: DfRow;
  diskUsage?: DiskUsageSummary;
  unread: Unread[];
}

/**
 * vfs (Podman's fallback where overlay cannot mount, Docker's last resort) copies each layer in
 * full: not broken, so advice at ok level, never a warn that would misjudge a working host.
 */
function vfsFindings(host: string, engine: EngineKind | undefined): Finding[] {
  const fix =
    engine === 'podman'
      ? 'driver = "overlay" in storage.conf (fuse-overlayfs for rootless)'
      : '"storage-driver": "overlay2" in daemon.json';
  return [
    {
      level: 'ok',
      message: `${host}: vfs copies every image layer in full for each container (no copy-on-write), so disk use grows fast — ${fix} shares layers`,
    },
  ];
}

function zfsFindings(host: string, rows: DockerInfo['driverStatus']): Finding[] {
  const health = rowsByLabel(rows)('Zpool Health');
  if (health === undefined || health.toUpperCase() === 'ONLINE') return [];
  return [
    {
      level: 'warn',
      message: `${host}: zfs pool holding the data root reports health ${health} — check \`zpool status\` and replace failing devices`,
    },
  ];
}

/** Storage-driver health of one host from its /info and what was read on the host. Pure. */
export function assessStorage(
  host: string,
  info: DockerInfo,
  readings: StorageReadings,
  thresholds: UsageThresholds,
  checkedAt: number,
): StorageHealth {
  const root = info.dockerRootDir;
  const df = readings.rootFilesystem;
  const findings: Finding[] = [];
  const unread = [...readings.unread];
  let detail: StorageDetail;
  switch (driverFamily(info)) {
    case 'devicemapper': {
      const status = parseDevicemapperStatus(info.driverStatus);
      const a = assessDevicemapper(host, status, thresholds);
      findings.push(...a.findings);
      unread.push(...a.unread);
      detail = { kind: 'devicemapper', status };
      break;
    }
    case 'btrfs':
      findings.push(...assessBtrfs(host, root, readings.btrfsUsage, df, thresholds));
      detail = { kind: 'btrfs', usage: readings.btrfsUsage, filesystem: df };
      break;
    case 'overlay': {
      const status = parseOverlayStatus(info.driverStatus);
      findings.push(...assessOverlay(host, info.driver, root, status, info.engine));
      if (df) findings.push(...filesystemFindings(host, root, df, thresholds));
      detail = { kind: 'overlay', status, filesystem: df };
      break;
    }
    case 'containerd-snapshotter':
      if (df) findings.push(...filesystemFindings(host, root, df, thresholds));
      detail = { kind: 'containerd-snapshotter', snapshotter: info.driver, filesystem: df };
      break;
    case 'other':
      if (info.driver.toLowerCase() === 'zfs') findings.push(...zfsFindings(host, info.driverStatus));
      if (info.driver.toLowerCase() === 'vfs') findings.push(...vfsFindings(host, info.engine));
      if (df) findings.push(...filesystemFindings(host, root, df, thresholds));
      detail = { kind: 'other', filesystem: df };
      break;
  }
  if (readings.diskUsage) findings.push(...diskUsageFindings(host, readings.diskUsage, info.engine));
  return {
    host,
    driver: info.driver,
    dockerRootDir: root,
    verdict: verdictOf(findings),
    findings,
    driverStatus: info.driverStatus.map(([label, value]) => [label, value] as [string, string]),
    detail,
    unread,
    diskUsage: readings.diskUsage,
    checkedAt,
  };
}
