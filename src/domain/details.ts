import type { Container } from './container.js';

export interface MountInfo {
  type: string; // bind, volume, tmpfs
  name?: string;
  source: string;
  destination: string;
  readWrite: boolean;
}

/** One network the container is attached to (`NetworkSettings.Networks`). */
export interface NetworkAttachment {
  name: string;
  /** IPv4 address, '' when the network gave none (host, none). */
  ip: string;
  ipv6?: string;
  /** DNS names the container answers to on this network (compose service name, short id…). */
  aliases: string[];
}

/** What `HostConfig` limits; a field is absent when it is unlimited (Docker's 0). */
export interface ResourceLimits {
  /** `--cpus`: NanoCpus / 1e9, or CpuQuota / CpuPeriod. */
  cpus?: number;
  /** `--cpu-shares` (relative weight; the default 1024 is absent). */
  cpuShares?: number;
  /** `--cpuset-cpus`, e.g. `0-1`. */
  cpuset?: string;
  memoryBytes?: number;
  memoryReservationBytes?: number;
  /** Memory plus swap; -1 is unlimited swap. */
  memorySwapBytes?: number;
  /** `--pids-limit`; absent when unlimited (0 or -1). */
  pids?: number;
}

export interface HealthLogEntry {
  start: string;
  end: string;
  exitCode: number;
  output: string;
}

/** What GET /containers/{id}/json adds to a listed container. */
export interface ContainerDetails extends Container {
  createdAt: string;
  startedAt?: string;
  finishedAt?: string;
  exitCode: number;
  oomKilled: boolean;
  restartCount: number;
  restartPolicy: { name: string; maximumRetryCount: number };
  /** `Config.StopSignal` as given (may be a number or name), undefined when unset. */
  stopSignal?: string;
  /** `Config.StopTimeout` seconds, undefined when unset (the daemon default applies). */
  stopTimeout?: number;
  init: boolean;
  entrypoint: string[];
  cmd: string[];
  pid: number;
  tty: boolean;
  env: string[];
  mounts: MountInfo[];
  healthLog: HealthLogEntry[];
  networks: string[];
  /** The networks with their addresses and aliases (absent where an older reader did not map them). */
  attachments?: NetworkAttachment[];
  /** Absent where an older reader did not map them; `{}` means no limits. */
  limits?: ResourceLimits;
  revision?: string;
}
