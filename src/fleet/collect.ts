import type { DockerHostApi } from '../docker/host-api.js';
import type { Container } from '../domain/container.js';
import type { HostStatus } from '../domain/host.js';
import { systemClock, type Clock } from '../util/clock.js';
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
  opts: { all: boolean; timeoutMs: number; clock?: Clock; details?: boolean },
): Promise<FleetListing> {
  const clock = opts.clock ?? systemClock;
  const results = await Promise.all(
    targets.map(async ({ identity, api }) => ({
      identity,
      result: await probeHost(api, { ...opts, clock }),
      answeredAt: clock.now(),
    })),
  );
  const hosts: HostStatus[] = [];
  const containers: Container[] = [];
  for (const { identity, result, answeredAt } of results) {
    const base = {
      name: identity.name,
      group: identity.group,
      address: identity.address,
      ...(identity.warning ? { warning: identity.warning } : {}),
      since: clock.now(),
    };
    if (result.ok) {
      hosts.push({
        ...base,
        state: 'up',
        ...(result.docker ? { docker: result.docker } : {}),
        ...(result.latencyMs !== undefined ? { latencyMs: result.latencyMs } : {}),
        lastSeenAt: answeredAt,
        stale: false,
      });
      containers.push(...[...result.containers].sort((a, b) => a.name.localeCompare(b.name)));
    } else {
      // One look has nothing older to show: a host that did not answer is empty, not stale.
      hosts.push({ ...base, state: stateForProblem(result.problem), problem: result.problem, stale: false });
    }
  }
  return { hosts, containers };
}
