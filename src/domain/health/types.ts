import type { SystemDf } from '../info.js';

/** How worried an operator should be; `crit` means something fails now or very soon. */
export type HealthLevel = 'ok' | 'warn' | 'crit';

/** One observation in words: names the host, what is wrong, and what to do. */
export interface Finding {
  level: HealthLevel;
  message: string;
}

/** Percent-used limits; the verdict turns `warn` at `warnPercent` and `crit` at `critPercent`. */
export interface UsageThresholds {
  warnPercent: number;
  critPercent: number;
}

export const DEFAULT_USAGE_THRESHOLDS: UsageThresholds = { warnPercent: 80, critPercent: 90 };

/**
 * Something health could not read, said plainly (e.g. `df of /var/lib/docker: sshd refused a
 * session (MaxSessions 0)`). Not a finding: the host may be fine, we just cannot tell.
 */
export interface Unread {
  what: string;
  reason: string;
}

/** A space with used/total/available in bytes; any part is undefined when the source lacked it. */
export interface SpaceUsage {
  usedBytes?: number;
  totalBytes?: number;
  availableBytes?: number;
  /** usedBytes / totalBytes × 100. */
  usedPercent?: number;
}

/** One row of `df -P -B1`. */
export interface DfRow {
  filesystem: string;
  totalBytes: number;
  usedBytes: number;
  availableBytes: number;
  /** As df prints it (`Capacity`/`Use%`): used / (used + available), rounded up. */
  capacityPercent: number;
  mountedOn: string;
}

/** What `DriverStatus` of a devicemapper daemon says, by label. */
export interface DevicemapperStatus {
  poolName?: string;
  poolBlocksizeBytes?: number;
  baseDeviceSizeBytes?: number;
  backingFilesystem?: string;
  data: SpaceUsage;
  metadata: SpaceUsage;
  /** Pool operations (pulls, creates) fail once `data.availableBytes` drops below this. */
  thinPoolMinimumFreeBytes?: number;
  /** Backed by sparse loop files (`Data loop file` row): unsuitable for production. */
  loopLvm: boolean;
  dataLoopFile?: string;
  metadataLoopFile?: string;
  udevSyncSupported?: boolean;
  deferredRemovalEnabled?: boolean;
  deferredDeletionEnabled?: boolean;
  /** Labels a healthy check needs that the daemon (or a partial paste) did not give. */
  missingRows: string[];
}

/** One chunk type of `btrfs filesystem usage -b` (`Data,single: Size:…, Used:…`). */
export interface BtrfsChunkUsage {
  profile: string;
  sizeBytes: number;
  usedBytes: number;
}

/** `btrfs filesystem usage -b <path>`: how the filesystem's devices are carved into chunks. */
export interface BtrfsUsage {
  deviceSizeBytes?: number;
  deviceAllocatedBytes?: number;
  deviceUnallocatedBytes?: number;
  usedBytes?: number;
  freeEstimatedBytes?: number;
  /** What df/statfs report as free. */
  freeStatfsBytes?: number;
  dataRatio?: number;
  metadataRatio?: number;
  globalReserveBytes?: number;
  data?: BtrfsChunkUsage;
  metadata?: BtrfsChunkUsage;
  system?: BtrfsChunkUsage;
}

/** What the daemon says of an overlay-type driver (overlay2, overlay, fuse-overlayfs). */
export interface OverlayStatus {
  backingFilesystem?: string;
  supportsDType?: boolean;
  nativeOverlayDiff?: boolean;
  userxattr?: boolean;
}

/** Driver-specific readings; `kind` says which driver family produced them. */
export type StorageDetail =
  | { kind: 'devicemapper'; status: DevicemapperStatus }
  | { kind: 'btrfs'; usage?: BtrfsUsage; filesystem?: DfRow }
  | { kind: 'overlay'; status: OverlayStatus; filesystem?: DfRow }
  | { kind: 'containerd-snapshotter'; snapshotter?: string; filesystem?: DfRow }
  | { kind: 'other'; filesystem?: DfRow };

/** `GET /system/df` reduced to totals an operator acts on. */
export interface DiskUsageSummary {
  df: SystemDf;
  totalBytes: number;
  reclaimableBytes: number;
}

/** Storage-driver health of one host. Plain data; a new object per check. */
export interface StorageHealth {
  host: string;
  driver: string;
  dockerRootDir: string;
  /** Worst level of `findings`. */
  verdict: HealthLevel;
  findings: Finding[];
  /** The daemon's rows as it printed them, for drivers we do not interpret. */
  driverStatus: Array<[string, string]>;
  detail: StorageDetail;
  unread: Unread[];
  diskUsage?: DiskUsageSummary;
  /** Epoch ms of the check. */
  checkedAt: number;
}

/** `/proc/loadavg`. */
export interface LoadAverage {
  one: number;
  five: number;
  fifteen: number;
  runnable?: number;
  total?: number;
}

/** The parts of `/proc/meminfo` (bytes) that tell memory pressure. */
export interface MemoryInfo {
  totalBytes: number;
  availableBytes: number;
  freeBytes?: number;
  swapTotalBytes?: number;
  swapFreeBytes?: number;
  /** (total − available) / total × 100. */
  usedPercent: number;
}

/** Load, memory and root-filesystem space of one machine. */
export interface HostVitals {
  host: string;
  load?: LoadAverage;
  cpuCount?: number;
  /** Share of CPU time busy right now, when measured (local machine only). */
  cpuBusyPercent?: number;
  memory?: MemoryInfo;
  filesystems: DfRow[];
  unread: Unread[];
  checkedAt: number;
}
