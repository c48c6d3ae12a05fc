import type { FleetConfig } from '../config/index.js';
import { createLocalGateway, createSshGateway } from '../docker/gateway.js';
import type { DockerHostApi } from '../docker/host-api.js';
import type { HostSpec } from '../domain/host.js';
import type { HostIdentity } from '../fleet/collect.js';
import { SshPool } from '../ssh/pool.js';
import { processSshAuth } from './ssh-auth.js';

export interface FleetTarget {
  identity: HostIdentity;
  spec: HostSpec;
  api: DockerHostApi;
}

export interface FleetTargets {
  targets: FleetTarget[];
  /** With `withManagers`: every swarm's managers, in file order, on the same pool. */
  managers: Array<FleetTarget & { swarm: string }>;
  pool: SshPool;
  close(): Promise<void>;
}

export function addressOf(spec: HostSpec): string {
  return spec.kind === 'ssh'
    ? `${spec.ssh.user}@${spec.ssh.host}:${spec.ssh.port}`
    : `unix://${spec.socketPath}`;
}

/**
 * The pool refuses new attempts to a host that just failed for a while (so many callers do not
 * hammer it). Its window stays at most half the watchers' 30 s cap: a watcher's retry, at the cap,
 * always finds the window passed, so a down host really is retried at least every 30 s.
 */
export const POOL_BACKOFF = { initialMs: 500, maxMs: 15_000, factor: 2 };

/**
 * One gateway per host, all SSH hosts sharing one pool (one connection per host). Nothing here
 * reads the process environment for the transport: DOCKER_HOST & co. cannot redirect it.
 */
export function openTargets(
  config: FleetConfig,
  opts: { readOnly: boolean; warmUpPty?: boolean; withManagers?: boolean },
): FleetTargets {
  const { connect, roleLabel } = config.settings;
  const pool = new SshPool({
    maxConcurrentStarts: connect.concurrency,
    readyTimeoutMs: connect.timeoutSeconds * 1000,
    keepaliveIntervalMs: connect.keepaliveSeconds * 1000,
    authSources: processSshAuth(),
    backoff: POOL_BACKOFF,
    ...(opts.warmUpPty === false ? { warmUpPty: false } : {}),
  });
  const open = (spec: HostSpec): FleetTarget => {
    const gatewayOpts = { readOnly: opts.readOnly, roleLabel };
    const api =
      spec.kind === 'ssh' ? createSshGateway(spec, pool, gatewayOpts) : createLocalGateway(spec, gatewayOpts);
    const warning = spec.kind === 'ssh' ? spec.warning : undefined;
    const identity = {
      name: spec.name,
      group: spec.group,
      address: addressOf(spec),
      ...(warning ? { warning } : {}),
    };
    return { identity, spec, api };
  };
  const targets = config.hosts.map(open);
  // A manager that is also under hosts: shares its SSH connection (the pool keys by endpoint).
  const managers = opts.withManagers
    ? (config.swarms ?? []).flatMap((s) => s.managers.map((m) => ({ ...open(m), swarm: s.name })))
    : [];
  return {
    targets,
    managers,
    pool,
    close: async () => {
      await Promise.allSettled([...targets, ...managers].map((t) => t.api.close()));
      pool.close();
    },
  };
}
