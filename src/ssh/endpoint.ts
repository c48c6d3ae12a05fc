import { createHash } from 'node:crypto';

/*
 * Where and how to reach one SSH server. Structurally a copy of the domain's SshServerSpec /
 * SshHostSpec (ssh/ may not import domain/), so `endpointFromHostSpec` is a plain mapping.
 */

/** OpenSSH's StrictHostKeyChecking: yes, accept-new, no. */
export type HostKeyPolicy = 'strict' | 'accept-new' | 'off';

export interface HostKeyOptions {
  /** UserKnownHostsFile, in order; accept-new records into the first. */
  userKnownHostsFiles: string[];
  /** GlobalKnownHostsFile: read, never written. */
  globalKnownHostsFiles: string[];
  policy: HostKeyPolicy;
  hostKeyAlias?: string;
  checkHostIp?: boolean;
  hashKnownHosts?: boolean;
}

/** One server to log in to: the target or a ProxyJump hop. */
export interface SshServer {
  host: string;
  port: number;
  user: string;
  identityFiles: string[];
  defaultIdentityFiles?: boolean;
  certificateFiles?: string[];
  identitiesOnly?: boolean;
  /** A socket path, `none`, `SSH_AUTH_SOCK` or `$VAR`; unset: $SSH_AUTH_SOCK. */
  identityAgent?: string;
  hostKeys: HostKeyOptions;
  /** Deadline for TCP connect + handshake + login of this server (unset: the pool's default). */
  connectTimeoutMs?: number;
  keepaliveIntervalMs?: number;
  keepaliveCountMax?: number;
  addressFamily?: 'any' | 'inet' | 'inet6';
}

/** How the byte stream to the target is made. */
export type SshRoute =
  | { kind: 'direct' }
  /** Each hop is reached through the one before it; the target through the last. */
  | { kind: 'jump'; hops: SshServer[] }
  /** A local command whose stdin/stdout is the stream (tokens not yet expanded). */
  | { kind: 'command'; command: string };

export interface SshEndpoint extends SshServer {
  route: SshRoute;
  /** The name as the user wrote it (ProxyCommand's %n); default `host`. */
  alias?: string;
}

/** `user@host:port`, for messages. */
export function endpointLabel(e: Pick<SshServer, 'host' | 'port' | 'user'>): string {
  const host = e.host.includes(':') ? `[${e.host}]` : e.host;
  return `${e.user}@${host}:${e.port}`;
}

/** `user@host:port`, with `via hop,hop` or `via ProxyCommand` when not direct. */
export function routeLabel(e: SshEndpoint): string {
  switch (e.route.kind) {
    case 'direct':
      return endpointLabel(e);
    case 'jump':
      return `${endpointLabel(e)} via ${e.route.hops.map(endpointLabel).join(',')}`;
    case 'command':
      return `${endpointLabel(e)} via ProxyCommand`;
  }
}

/** JSON with sorted keys: two endpoints that authenticate the same way serialise the same. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * Pool key: everything that decides who we log in as and whom we trust — user, keys,
 * certificates, agent, route, host key files and policy. Two fleet entries for one address with
 * different keys get two connections, each with its own credentials.
 */
export function endpointKey(e: SshEndpoint): string {
  // The pool asks on every request: once per endpoint object (they are never changed once made).
  let key = keys.get(e);
  if (key === undefined) {
    const digest = createHash('sha256').update(canonical(e)).digest('hex').slice(0, 12);
    key = `${routeLabel(e)} #${digest}`;
    keys.set(e, key);
  }
  return key;
}

const keys = new WeakMap<SshEndpoint, string>();

/** What the domain's SshHostSpec looks like to ssh/ (structural: no import of domain/). */
export interface HostSpecLike {
  ssh: Omit<SshServer, 'hostKeys'> & {
    hostKeys?: HostKeyOptions;
    alias?: string;
    jumpHosts?: Array<Omit<SshServer, 'hostKeys'> & { hostKeys?: HostKeyOptions }>;
    proxyJump?: string;
    proxyCommand?: string;
  };
  knownHostsFile: string;
  hostKeyPolicy: HostKeyPolicy;
}

/** The endpoint a host spec describes; hosts written without hostKeys use knownHostsFile/policy. */
export function endpointFromHostSpec(spec: HostSpecLike): SshEndpoint {
  const { jumpHosts, proxyJump, proxyCommand, ...server } = spec.ssh;
  const legacyKeys: HostKeyOptions = {
    userKnownHostsFiles: [spec.knownHostsFile],
    globalKnownHostsFiles: [],
    policy: spec.hostKeyPolicy,
  };
  const withKeys = <T extends { hostKeys?: HostKeyOptions }>(s: T): T & { hostKeys: HostKeyOptions } => ({
    ...s,
    hostKeys: s.hostKeys ?? legacyKeys,
  });
  const target = withKeys(server);
  let route: SshRoute = { kind: 'direct' };
  if (proxyCommand) route = { kind: 'command', command: proxyCommand };
  else if (jumpHosts && jumpHosts.length > 0) route = { kind: 'jump', hops: jumpHosts.map(withKeys) };
  else if (proxyJump) route = { kind: 'jump', hops: parseProxyJump(proxyJump, target) };
  return { ...target, route };
}

/**
 * `[user@]host[:port],…` as hops that inherit the target's keys, known_hosts and policy (a
 * fleet-file proxyJump not described in ~/.ssh/config). Throws naming the value it cannot read.
 */
export function parseProxyJump(jump: string, target: SshServer): SshServer[] {
  return jump.split(',').map((raw) => {
    const hop = raw.trim().replace(/^ssh:\/\//, '');
    const at = hop.lastIndexOf('@');
    const user = at >= 0 ? hop.slice(0, at) : target.user;
    const hostPort = at >= 0 ? hop.slice(at + 1) : hop;
    const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(hostPort);
    const plain = /^([^:[\]]+)(?::(\d+))?$/.exec(hostPort);
    const m = bracketed ?? plain;
    if (!m?.[1]) throw new Error(`cannot read ProxyJump "${jump}" — expected [user@]host[:port],…`);
    return {
      host: m[1],
      port: m[2] ? Number(m[2]) : 22,
      user,
      identityFiles: target.identityFiles,
      ...(target.defaultIdentityFiles ? { defaultIdentityFiles: true } : {}),
      ...(target.identityAgent !== undefined ? { identityAgent: target.identityAgent } : {}),
      hostKeys: target.hostKeys,
    };
  });
}
