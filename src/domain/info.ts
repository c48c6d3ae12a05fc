import type { EngineKind } from './engine.js';

/** The parts of GET /info that storage health and the hosts view use. */
export interface DockerInfo {
  /** Docker or Podman (from /info's own fields); absent: Docker. */
  engine?: EngineKind;
  serverVersion: string;
  driver: string;
  /** Human-readable rows as the daemon prints them: [label, value]. */
  driverStatus: Array<[string, string]>;
  dockerRootDir: string;
  containers: number;
  containersRunning: number;
  images: number;
  os?: string;
  kernelVersion?: string;
  arch?: string;
  /** Present on daemons using the containerd image store. */
  containerdSnapshotter?: boolean;
  /** `nodeId`: this daemon's node in its swarm (joins a `hosts:` entry to a `swarms:` node). */
  swarm?: { state: string; isManager: boolean; nodeId?: string };
}

export interface SystemDfEntry {
  count: number;
  active: number;
  sizeBytes: number;
  reclaimableBytes: number;
}

export interface SystemDf {
  images: SystemDfEntry;
  containers: SystemDfEntry;
  volumes: SystemDfEntry;
  buildCache: SystemDfEntry;
}
