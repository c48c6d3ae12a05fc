import type { DockerHostApi } from '../docker/host-api.js';
import { createSwarmReader } from '../docker/swarm-read.js';
import type { FleetStore } from '../fleet/store.js';
import { feedSwarm } from '../fleet/swarm/swarm-feed.js';
import { SwarmSource } from '../fleet/swarm/swarm-source.js';
import type { Clock } from '../util/clock.js';
import type { FleetTarget } from './targets.js';

/** The dashboard's swarms: one source per `swarms:` entry, each feeding the store. */
export interface SwarmRuntime {
  sources: ReadonlyMap<string, SwarmSource>;
  /** Every manager's gateway, by its fleet name (actions go to the one a plan names). */
  managerApis: ReadonlyMap<string, DockerHostApi>;
  /** The gateway of the manager a swarm is read from now (service logs), if one answers. */
  managerOf(swarm: string): DockerHostApi | undefined;
  refresh(swarm?: string): Promise<void>;
  stop(): void;
}

export function startSwarms(
  managers: ReadonlyArray<FleetTarget & { swarm: string }>,
  store: FleetStore,
  clock: Clock,
): SwarmRuntime {
  const managerApis = new Map(managers.map((m) => [m.identity.name, m.api]));
  const names = [...new Set(managers.map((m) => m.swarm))];
  const sources = new Map(
    names.map((name) => [
      name,
      new SwarmSource(
        name,
        managers.filter((m) => m.swarm === name).map((m) => createSwarmReader(m.api)),
        { clock },
      ),
    ]),
  );
  const unfeed = [...sources.values()].map((s) => feedSwarm(s, store));
  for (const s of sources.values()) s.start();
  return {
    sources,
    managerApis,
    managerOf: (swarm) => {
      const manager = sources.get(swarm)?.manager?.manager;
      return manager === undefined ? undefined : managerApis.get(manager);
    },
    refresh: async (swarm) => {
      await Promise.all(
        [...sources.values()].filter((s) => swarm === undefined || s.swarm === swarm).map((s) => s.refresh()),
      );
    },
    stop: () => {
      for (const u of unfeed) u();
      for (const s of sources.values()) s.stop();
    },
  };
}
