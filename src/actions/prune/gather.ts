import type { HostMutations } from '../../docker/mutations/index.js';
import type { ToolkitOps } from '../../docker/resources/ops.js';
import { PlanError } from '../planners/signal-plan.js';
import type { PruneHostInput } from './plan.js';
import type { PruneWhat } from './types.js';

/** The toolkit half of a host's mutations; fakes without it cannot prune or exec. */
export function toolkitOf(m: HostMutations): ToolkitOps {
  if (!m.toolkit)
    throw new PlanError(`${m.host}: this host cannot list images, volumes or run exec sessions here`);
  return m.toolkit;
}

/** Reads each host's lists for the planner; a host that does not answer is left out, with why. */
export async function gatherPrune(
  what: PruneWhat,
  hostNames: readonly string[],
  hosts: (name: string) => HostMutations,
): Promise<{ inputs: PruneHostInput[]; unreachable: Array<{ host: string; reason: string }> }> {
  const results = await Promise.allSettled(
    hostNames.map(async (host): Promise<PruneHostInput> => {
      const ops = toolkitOf(hosts(host));
      const [containers, images, volumes, networks] = await Promise.all([
        ops.containers({ sizes: what === 'containers' }),
        what === 'images' ? ops.images() : Promise.resolve([]),
        what === 'volumes' ? ops.volumes() : Promise.resolve([]),
        what === 'networks' ? ops.networks() : Promise.resolve([]),
      ]);
      return { host, containers, images, volumes, networks };
    }),
  );
  const inputs: PruneHostInput[] = [];
  const unreachable: Array<{ host: string; reason: string }> = [];
  results.forEach((r, i) => {
    const host = hostNames[i]!;
    if (r.status === 'fulfilled') inputs.push(r.value);
    else unreachable.push({ host, reason: r.reason instanceof Error ? r.reason.message : String(r.reason) });
  });
  return { inputs, unreachable };
}
