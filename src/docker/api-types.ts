/**
 * The Engine API JSON fields fleetdeck reads, all optional: old daemons omit some and the mapping
 * must not trust any. Kept apart from dockerode's types, which never leave docker/.
 */
export interface RawPort {
  PrivatePort?: number;
  PublicPort?: number;
  IP?: string;
  Type?: string;
}

export interface RawContainer {
  Id?: string;
  Names?: string[];
  Image?: string;
  ImageID?: string;
  Command?: string;
  Created?: number;
  State?: string;
  Status?: string;
  Labels?: Record<string, string> | null;
  Ports?: RawPort[] | null;
}

export interface RawInspect {
  Id?: string;
  Name?: string;
  Created?: string;
  Image?: string;
  Path?: string;
  Args?: string[];
  RestartCount?: number;
  State?: {
    Status?: string;
    Running?: boolean;
    Pid?: number;
    ExitCode?: number;
    OOMKilled?: boolean;
    StartedAt?: string;
    FinishedAt?: string;
    Health?: {
      Status?: string;
      Log?: Array<{ Start?: string; End?: string; ExitCode?: number; Output?: string }> | null;
    };
  };
  Config?: {
    Image?: string;
    Labels?: Record<string, string> | null;
    Env?: string[] | null;
    Cmd?: string[] | string | null;
    Entrypoint?: string[] | string | null;
    Tty?: boolean;
    StopSignal?: string | number;
    StopTimeout?: number;
  };
  HostConfig?: {
    RestartPolicy?: { Name?: string; MaximumRetryCount?: number };
    Init?: boolean | null;
    NanoCpus?: number;
    CpuQuota?: number;
    CpuPeriod?: number;
    CpuShares?: number;
    CpusetCpus?: string;
    Memory?: number;
    MemoryReservation?: number;
    MemorySwap?: number;
    PidsLimit?: number | null;
  };
  Mounts?: Array<{
    Type?: string;
    Name?: string;
    Source?: string;
    Destination?: string;
    RW?: boolean;
  }> | null;
  NetworkSettings?: {
    Networks?: Record<
      string,
      {
        IPAddress?: string;
        GlobalIPv6Address?: string;
        Aliases?: string[] | null;
        DNSNames?: string[] | null;
      }
    > | null;
    Ports?: Record<string, Array<{ HostIp?: string; HostPort?: string }> | null> | null;
  };
}

export interface RawInfo {
  ServerVersion?: string;
  Driver?: string;
  DriverStatus?: Array<[string, string]> | null;
  DockerRootDir?: string;
  Containers?: number;
  ContainersRunning?: number;
  Images?: number;
  OperatingSystem?: string;
  KernelVersion?: string;
  Architecture?: string;
  Swarm?: { LocalNodeState?: string; ControlAvailable?: boolean; NodeID?: string };
  /** Only Podman's compat /info has these (Docker's never did). */
  BuildahVersion?: string;
  Rootless?: boolean;
}

export interface RawDf {
  LayersSize?: number;
  Images?: Array<{ Containers?: number; Size?: number; SharedSize?: number }> | null;
  Containers?: Array<{ State?: string; SizeRw?: number }> | null;
  Volumes?: Array<{ UsageData?: { Size?: number; RefCount?: number } | null }> | null;
  BuildCache?: Array<{ Size?: number; InUse?: boolean; Shared?: boolean }> | null;
}

export interface RawStats {
  read?: string;
  cpu_stats?: {
    cpu_usage?: { total_usage?: number; percpu_usage?: number[] | null };
    system_cpu_usage?: number;
    online_cpus?: number;
  };
  memory_stats?: {
    usage?: number;
    limit?: number;
    stats?: Record<string, number>;
  };
}

export interface RawEvent {
  Type?: string;
  Action?: string;
  status?: string;
  id?: string;
  Actor?: { ID?: string; Attributes?: Record<string, string> | null };
  time?: number;
  timeNano?: number;
}

export interface RawVersion {
  Version?: string;
  ApiVersion?: string;
  MinAPIVersion?: string;
  Os?: string;
  Arch?: string;
  /** Docker names `Engine`; Podman `Podman Engine`. */
  Components?: Array<{ Name?: string; Version?: string }> | null;
  Platform?: { Name?: string } | null;
}
