import { mergeImages, mergeNetworks, mergeVolumes } from '../../../src/domain/resources/merge.js';
import type {
  HostImage,
  HostNetwork,
  HostVolume,
  ResourceKind,
} from '../../../src/domain/resources/types.js';
import type { ResourceListing, ResourceRows } from '../../../src/fleet/resources/collect.js';
import type { LoadResources } from '../../../src/ui/types.js';
import { T0 } from './support.js';

const CREATED = T0 / 1000 - 2 * 86_400;

function image(host: string, extra: Partial<HostImage> = {}): HostImage {
  return {
    host,
    id: 'sha256:3f1c0a9e7b21aaaa',
    tags: ['tiny:latest'],
    digests: [],
    sizeBytes: 1_200_000,
    created: CREATED,
    containers: 2,
    users: ['web-1', 'worker-1'],
    dangling: false,
    labels: {},
    ...extra,
  };
}

function volume(host: string, extra: Partial<HostVolume> = {}): HostVolume {
  return {
    host,
    name: 'pgdata',
    driver: 'local',
    mountpoint: '/var/lib/docker/volumes/pgdata/_data',
    scope: 'local',
    created: CREATED,
    labels: {},
    sizeBytes: 40_000_000,
    containers: 1,
    users: ['db-1'],
    ...extra,
  };
}

function network(host: string, extra: Partial<HostNetwork> = {}): HostNetwork {
  return {
    host,
    id: `${host}-net-app-0123456789`,
    name: 'app',
    driver: 'bridge',
    scope: 'local',
    created: CREATED,
    internal: false,
    builtin: false,
    containers: 1,
    users: ['web-1'],
    ...extra,
  };
}

/** web-a and web-b answer; web-c (unreachable in sampleFleet) does not. */
export function sampleListings(): { [K in ResourceKind]: ResourceListing<ResourceRows[K]> } {
  const unreachable = [
    { host: 'web-c', problem: { code: 'timeout' as const, message: 'web-c: SSH timeout to 10.0.0.9:22' } },
  ];
  const hosts = ['web-a', 'web-b'];
  return {
    images: {
      rows: mergeImages([
        [
          image('web-a'),
          image('web-a', {
            id: 'sha256:9b0e4d1c2a77bbbb',
            tags: [],
            dangling: true,
            containers: 0,
            users: [],
            created: CREATED - 3600,
          }),
        ],
        [image('web-b', { containers: 1, users: ['web-2'] })],
      ]),
      hosts,
      unreachable,
    },
    volumes: {
      rows: mergeVolumes([
        [volume('web-a'), volume('web-a', { name: 'scratch', containers: 0, users: [], sizeBytes: 0 })],
        [volume('web-b', { sizeBytes: 8_000_000 })],
      ]),
      hosts,
      unreachable,
    },
    networks: {
      rows: mergeNetworks([
        [
          network('web-a'),
          network('web-a', { id: 'br-a', name: 'bridge', builtin: true, containers: 0, users: [] }),
        ],
        [network('web-b', { name: 'old', containers: 0, users: [] })],
      ]),
      hosts,
      unreachable,
    },
  };
}

/** A loader that records what was read; `hold` keeps reads pending until `release`. */
export class FakeResources {
  calls: ResourceKind[] = [];
  hold = false;
  failWith: Error | undefined;
  private pending: Array<() => void> = [];

  constructor(public listings = sampleListings()) {}

  load: LoadResources = (kind) => {
    this.calls.push(kind);
    const answer = () =>
      this.failWith ? Promise.reject(this.failWith) : Promise.resolve(this.listings[kind]);
    if (!this.hold) return answer();
    return new Promise((resolve, reject) => {
      this.pending.push(() => answer().then(resolve, reject));
    });
  };

  release(): void {
    for (const p of this.pending.splice(0)) p();
  }
}
