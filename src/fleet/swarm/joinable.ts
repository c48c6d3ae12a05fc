import type { HostStatus } from '../../domain/host.js';
import type { JoinableHost } from './swarm-rows.js';

/** `user@host:port` → `host` (the address the hosts view shows); local sockets have none. */
function sshHostOf(address: string): string | undefined {
  if (address.startsWith('unix://')) return undefined;
  const at = address.lastIndexOf('@');
  const rest = at >= 0 ? address.slice(at + 1) : address;
  const colon = rest.lastIndexOf(':');
  return colon > 0 ? rest.slice(0, colon).replace(/^\[|\]$/g, '') : rest;
}

/**
 * The fleet's hosts as the node join needs them, from the store: the SSH host of their address,
 * and the node id their own /info gave once they answered.
 */
export function joinableHosts(hosts: readonly HostStatus[]): JoinableHost[] {
  return hosts.map((h) => {
    const sshHost = sshHostOf(h.address);
    const nodeId = h.docker?.swarm?.nodeId;
    return { name: h.name, ...(sshHost ? { sshHost } : {}), ...(nodeId ? { nodeId } : {}) };
  });
}
