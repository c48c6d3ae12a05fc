import type { Container } from './container.js';

export interface MountInfo {
  type: string; // bind, volume, tmpfs
  name?: string;
  source: string;
  destination: string;
  readWrite: boolean;
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
  revision?: string;
}
