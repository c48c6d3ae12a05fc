/*
 * How fleetdeck reaches one Docker daemon. Plain data: produced by config/, consumed by app/.
 */

import type { EngineKind } from './engine.js';

/** OpenSSH's StrictHostKeyChecking: yes (strict), accept-new, no (off: unknown keys recorded, loudly). */
export type HostKeyPolicy = 'strict' | 'accept-new' | 'off';

/** Where host keys are looked up and how strictly (OpenSSH's known_hosts options). */
export interface SshHostKeySpec {
  /** UserKnownHostsFile, in order; accept-new records into the first. */
  userKnownHostsFiles: string[];
  /** GlobalKnownHostsFile (read only). */
  globalKnownHostsFiles: string[];
  policy: HostKeyPolicy;
  /** HostKeyAlias: the name looked up (and recorded) instead of `[host]:port`. */
  hostKeyAlias?: string;
  /** CheckHostIP: the address connected to must carry the same key. */
  checkHostIp?: boolean;
  /** HashKnownHosts: recorded names are hashed (`|1|salt|hash`). */
  hashKnownHosts?: boolean;
}

/** One SSH server to log in to: the host itself or a ProxyJump hop, after ~/.ssh/config. */
export interface SshServerSpec {
  host: string;
  port: number;
  user: string;
  identityFiles: string[];
  /** True when identityFiles are OpenSSH's defaults (nothing configured): missing ones are normal. */
  defaultIdentityFiles?: boolean;
  /** CertificateFile: user certificates (ssh2 cannot offer them; see README). */
  certificateFiles?: string[];
  /** IdentitiesOnly: only the identity files' keys, also from the agent. */
  identitiesOnly?: boolean;
  /** IdentityAgent: a socket path, `none`, or `SSH_AUTH_SOCK`/`$VAR`; unset: $SSH_AUTH_SOCK. */
  identityAgent?: string;
  /** Unset: the fleet file's knownHostsFile and hostKeyPolicy (see SshHostSpec). */
  hostKeys?: SshHostKeySpec;
  /** ConnectTimeout: TCP connect, handshake and login of this server. */
  connectTimeoutMs?: number;
  /** ServerAliveInterval / ServerAliveCountMax. */
  keepaliveIntervalMs?: number;
  keepaliveCountMax?: number;
  /** AddressFamily. */
  addressFamily?: 'any' | 'inet' | 'inet6';
}

export interface SshHostSpec {
  kind: 'ssh';
  name: string;
  group?: string;
  /** Resolved endpoint (after ~/.ssh/config aliases) and the route to it. */
  ssh: SshServerSpec & {
    /** The name as written in the fleet file (ProxyCommand's %n). */
    alias?: string;
    /** ProxyJump hops, each resolved through ~/.ssh/config, first hop first. */
    jumpHosts?: SshServerSpec[];
    /** `[user@]host[:port],…` hops inheriting this host's keys; used when jumpHosts is unset. */
    proxyJump?: string;
    /** ProxyCommand, tokens (%h %p %r %n %%) not yet expanded. */
    proxyCommand?: string;
  };
  /** Remote Docker socket path. */
  socket: string;
  /** The first user known_hosts file and the policy in effect (what ssh.hostKeys says, when set). */
  knownHostsFile: string;
  hostKeyPolicy: HostKeyPolicy;
  /** Something the operator must know although the host works (host key checking off…). */
  warning?: string;
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
  /** Docker or Podman; absent: Docker. `serverVersion` is that engine's version. */
  engine?: EngineKind;
  serverVersion: string;
  /** The daemon's API version (its `/_ping` header); absent until a ping answered. */
  apiVersion?: string;
  os?: string;
  arch?: string;
  kernelVersion?: string;
  storageDriver?: string;
  dockerRootDir?: string;
  containersRunning?: number;
  containersTotal?: number;
  /** Swarm node state as reported by /info (`inactive`, `active`…). */
  /** `nodeId`: this daemon's node in its swarm (joins a `hosts:` entry to a `swarms:` node). */
  swarm?: { state: string; isManager: boolean; nodeId?: string };
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
  /** Something to know although the host may work (host key checking off): shown loudly. */
  warning?: string;
  /** Epoch ms when the Docker daemon last answered (absent until it first has). */
  lastSeenAt?: number;
  /**
   * True while the host is not up but its containers (and health readings) from `lastSeenAt` are
   * still shown: what is on screen for it may no longer be true.
   */
  stale?: boolean;
}
