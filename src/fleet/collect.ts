import type { DockerHostApi } from '../docker/host-api.js';
import type { Container } from '../domain/container.js';
import type { HostStatus } from '../domain/host.js';
import { probeHost } from './probe.js';
import { stateForProblem } from './problem.js';

export interface HostIdentity {
  name: string;
  group?: string;
  address: string;
  /** Shown with the host whatever its state (e.g. host key checking off). */
  warning?: string;
}

export interface FleetListing {
  hosts: HostStatus[];
  containers: Container[];
}

/**
 * One look at every host in parallel, for non-interactive commands. Each host has its own
 * timeout, so the slowest host bounds the wait and a dead one only marks itself.
 */
export async function collectFleet(
  targets: readonly { identity: HostIdentity; api: DockerHostApi }[],
  opts: { all: boolean; timeoutMs: number; clock?: () => number },
): Promise<FleetListing> {
  const clock = opts.clock ?? Date.now;
  const results = await Promise.all(
    targets.map(async ({ identity, api }) => ({ identity, result: await probeHost(api, opts) })),
  );
  const hosts: HostStatus[] = [];
  const containers: Container[] = [];
  for (const { identity, result } of results) {
    const base = {
      name: identity.name,
      group: identity.group,
      address: identity.address,
      ...(identity.warning ? { warning: identity.warning } : {}),
      since: clock(),
    };
    if (result.ok) {
      hosts.push({ ...base, state: 'up', docker: result.docker, latencyMs: result.latencyMs });
      containers.push(...[...result.containers].sort((a, b) => a.name.localeCompare(b.name)));
    } else {
      hosts.push({ ...base, state: stateForProblem(result.problem), problem: result.problem });
    }
  }
  return { hosts, containers };
}
