import type { DockerHostApi } from '../../docker/host-api.js';
import { containerKey, type Container } from '../../domain/container.js';
import type { ContainerDetails } from '../../domain/details.js';
import { Semaphore } from '../../util/semaphore.js';

export interface InspectManyOptions {
  /** Inspections in flight per host (they share its one SSH connection). Default 4. */
  perHost?: number;
}

/**
 * Inspects many containers, each host with its own bound, all hosts in parallel. Keyed by
 * containerKey(); a container that could not be inspected (gone, host lost) is left out.
 */
export async function inspectMany(
  apis: ReadonlyMap<string, DockerHostApi>,
  containers: readonly Container[],
  opts: InspectManyOptions = {},
): Promise<Map<string, ContainerDetails>> {
  const limits = new Map<string, Semaphore>();
  const found = new Map<string, ContainerDetails>();
  await Promise.all(
    containers.map(async (c) => {
      const api = apis.get(c.host);
      if (!api) return;
      let limit = limits.get(c.host);
      if (!limit) {
        limit = new Semaphore(opts.perHost ?? 4);
        limits.set(c.host, limit);
      }
      try {
        found.set(containerKey(c), await limit.run(() => api.inspectContainer(c.id)));
      } catch {
        // Removed between list and inspect, or the host went away: its fields stay null.
      }
    }),
  );
  return found;
}
