/** How fleetdeck reaches one Docker daemon. Plain data: produced by config/, consumed by app/. */
export type HostKeyPolicy = 'strict' | 'accept-new';

export interface SshHostSpec {
  kind: 'ssh';
  name: string;
  group?: string;
  /** Resolved endpoint (after ~/.ssh/config aliases). */
  ssh: {
    host: string;
    port: number;
    user: string;
    identityFiles: string[];
    /** `[user@]host[:port]` of a jump host, as OpenSSH's ProxyJump (first hop only). */
    proxyJump?: string;
  };
  /** Remote Docker socket path. */
  socket: string;
  knownHostsFile: string;
  hostKeyPolicy: HostKeyPolicy;
}

export interface LocalHostSpec {
  kind: 'local';
  name: string;
  group?: string;
  /** Path of a local unix socket. */
  socketPath: string;
}

export type HostSpec = SshHostSpec | LocalHostSpec;

export type HostStateKind = 'connecting' | 'up' | 'degraded' | 'unreachable';

/** Why a host is not (fully) up. `code` is stable for scripts; `message` is for people. */
export type HostProblemCode =
  | 'auth-failed'
  | 'host-key-unknown'
  | 'host-key-mismatch'
  | 'connection-refused'
  | 'timeout'
  | 'dns'
  | 'socket-permission-denied'
  | 'socket-missing'
  | 'api-too-old'
  | 'docker-error'
  /** SSH (or the local socket) answered, the Docker daemon did not within its deadline: hung or overloaded. */
  | 'daemon-not-answering'
  /** An answer, stream object or command output passed fleetdeck's size cap. */
  | 'response-too-large'
  | 'disconnected'
  | 'unknown';

export interface HostProblem {
  code: HostProblemCode;
  /** Names the host, the thing, and what to do. */
  message: string;
}

export interface DockerVersionInfo {
  serverVersion: string;
  apiVersion: string;
  os?: string;
  arch?: string;
  kernelVersion?: string;
  storageDriver?: string;
  dockerRootDir?: string;
  containersRunning?: number;
  containersTotal?: number;
  /** Swarm node state as reported by /info (`inactive`, `active`…). */
  swarm?: { state: string; isManager: boolean };
}

export interface HostStatus {
  name: string;
  group?: string;
  /** `user@host:port` or `unix:///path` — where it lives, for display. */
  address: string;
  state: HostStateKind;
  problem?: HostProblem;
  /** Epoch ms when `state` last changed. */
  since: number;
  docker?: DockerVersionInfo;
  /** Round trip of the last /_ping in ms. */
  latencyMs?: number;
  /** Epoch ms when the Docker daemon last answered (absent until it first has). */
  lastSeenAt?: number;
  /**
   * True while the host is not up but its containers (and health readings) from `lastSeenAt` are
   * still shown: what is on screen for it may no longer be true.
   */
  stale?: boolean;
}
