import type { HostKeyPolicy } from './host-verifier.js';

/** Where and how to reach one SSH server (structurally a subset of config's SshHostSpec). */
export interface SshEndpoint {
  host: string;
  port: number;
  user: string;
  identityFiles: string[];
  /** `[user@]host[:port]` of a jump host (first hop only). */
  proxyJump?: string;
  knownHostsFile: string;
  hostKeyPolicy: HostKeyPolicy;
}

/** `user@host:port`, for messages. */
export function endpointLabel(e: Pick<SshEndpoint, 'host' | 'port' | 'user'>): string {
  return `${e.user}@${e.host}:${e.port}`;
}

/** Pool key: one connection per distinct endpoint (and route). */
export function endpointKey(e: SshEndpoint): string {
  return e.proxyJump ? `${endpointLabel(e)} via ${e.proxyJump}` : endpointLabel(e);
}

/** The jump host as an endpoint: same keys, known_hosts and policy; own user/port when given. */
export function parseProxyJump(jump: string, target: SshEndpoint): SshEndpoint {
  const first = jump.split(',')[0]?.trim() ?? '';
  const at = first.lastIndexOf('@');
  const user = at >= 0 ? first.slice(0, at) : target.user;
  const hostPort = at >= 0 ? first.slice(at + 1) : first;
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(hostPort);
  const plain = /^([^:]+)(?::(\d+))?$/.exec(hostPort);
  const m = bracketed ?? plain;
  if (!m?.[1]) throw new Error(`cannot read ProxyJump "${jump}" — expected [user@]host[:port]`);
  return {
    host: m[1],
    port: m[2] ? Number(m[2]) : 22,
    user,
    identityFiles: target.identityFiles,
    knownHostsFile: target.knownHostsFile,
    hostKeyPolicy: target.hostKeyPolicy,
  };
}
