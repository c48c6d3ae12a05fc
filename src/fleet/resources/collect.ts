import type { DockerHostApi } from '../../docker/host-api.js';
import { readImages, readNetworks, readVolumes } from '../../docker/resources/read.js';
import type { HostProblem } from '../../domain/host.js';
import { mergeImages, mergeNetworks, mergeVolumes } from '../../domain/resources/merge.js';
import type {
  FleetImage,
  FleetNetwork,
  FleetVolume,
  HostImage,
  HostNetwork,
  HostVolume,
  ResourceKind,
} from '../../domain/resources/types.js';
import { problemOf } from '../problem.js';

export interface ResourceListing<Row> {
  rows: Row[];
  /** Hosts that answered, in fleet order. */
  hosts: string[];
  /** Hosts that did not, with why (the rows are of the others). */
  unreachable: Array<{ host: string; problem: HostProblem }>;
}

export interface ResourceRows {
  images: FleetImage;
  volumes: FleetVolume;
  networks: FleetNetwork;
}

type PerHost = { images: HostImage; volumes: HostVolume; networks: HostNetwork };

const READERS: { [K in ResourceKind]: (api: DockerHostApi) => Promise<PerHost[K][]> } = {
  images: readImages,
  volumes: (api) => readVolumes(api),
  networks: readNetworks,
};

const MERGERS: { [K in ResourceKind]: (lists: PerHost[K][][]) => ResourceRows[K][] } = {
  images: mergeImages,
  volumes: mergeVolumes,
  networks: mergeNetworks,
};

/** Reads `kind` on every host side by side; one that fails is listed as unreachable, not fatal. */
export async function collectResources<K extends ResourceKind>(
  kind: K,
  apis: readonly DockerHostApi[],
): Promise<ResourceListing<ResourceRows[K]>> {
  const read = READERS[kind];
  const results = await Promise.allSettled(apis.map((api) => read(api)));
  const lists: PerHost[K][][] = [];
  const hosts: string[] = [];
  const unreachable: ResourceListing<ResourceRows[K]>['unreachable'] = [];
  results.forEach((r, i) => {
    const host = apis[i]!.name;
    if (r.status === 'fulfilled') {
      lists.push(r.value);
      hosts.push(host);
    } else unreachable.push({ host, problem: problemOf(host, r.reason) });
  });
  return { rows: MERGERS[kind](lists), hosts, unreachable };
}
