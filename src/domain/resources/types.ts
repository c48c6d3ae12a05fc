/*
 * Images, volumes and networks of one host, as fleetdeck shows them. `containers` counts every
 * container on that host (running or not) that uses the thing: a stopped container still pins
 * its image and volumes, which is what decides whether pruning may take them.
 */

export interface HostImage {
  host: string;
  /** `sha256:…`. */
  id: string;
  /** `repo:tag`, without Docker's `<none>:<none>` placeholder. */
  tags: string[];
  digests: string[];
  sizeBytes: number;
  /** Epoch seconds. */
  created: number;
  containers: number;
  /** Names of those containers (the dashboard lists them; absent where a reader did not say). */
  users?: string[];
  /** No tag at all (what `docker image prune` takes without `-a`). */
  dangling: boolean;
  labels: Readonly<Record<string, string>>;
}

export interface HostVolume {
  host: string;
  name: string;
  driver: string;
  mountpoint: string;
  scope: string;
  /** Epoch seconds, when the daemon said. */
  created?: number;
  labels: Readonly<Record<string, string>>;
  /** From `GET /system/df`; undefined when the daemon did not compute it. */
  sizeBytes?: number;
  containers: number;
  users?: string[];
}

export interface HostNetwork {
  host: string;
  id: string;
  name: string;
  driver: string;
  scope: string;
  /** Epoch seconds, when the daemon said. */
  created?: number;
  internal: boolean;
  /** bridge, host, none and swarm's ingress: the daemon's own, never pruned. */
  builtin: boolean;
  containers: number;
  users?: string[];
}

/** What one host holds of a fleet-wide row. */
export interface ResourcePlace {
  host: string;
  containers: number;
  /** Names of the containers on that host that use it, when the reader said. */
  users?: string[];
  sizeBytes?: number;
  dangling: boolean;
}

interface FleetRowBase {
  /** Hosts that have it, in fleet order. */
  hosts: string[];
  places: ResourcePlace[];
  /** Containers using it, summed over the hosts. */
  containers: number;
  /** Epoch seconds: the earliest creation seen. */
  created?: number;
  /** Dangling (unused / untagged) on every host that has it. */
  dangling: boolean;
}

export interface FleetImage extends FleetRowBase {
  id: string;
  tags: string[];
  /** One image ID is the same bytes everywhere: its size on one host. */
  sizeBytes: number;
}

export interface FleetVolume extends FleetRowBase {
  name: string;
  driver: string;
  /** Summed over hosts (each host's volume is its own data); undefined when no host said. */
  sizeBytes?: number;
}

export interface FleetNetwork extends FleetRowBase {
  name: string;
  driver: string;
  scope: string;
  /** Network IDs per host differ except for swarm-scoped networks. */
  ids: string[];
  builtin: boolean;
}

export type ResourceKind = 'images' | 'volumes' | 'networks';

/** A container as far as pruning cares: its state, what it pins, what removing it frees. */
export interface HostContainerUse {
  host: string;
  id: string;
  name: string;
  state: string;
  imageId: string;
  /** Named and anonymous volumes it mounts. */
  volumes: string[];
  /** Its writable layer, when the daemon was asked for sizes. */
  sizeRwBytes?: number;
  /** Epoch seconds. */
  created: number;
  labels: Readonly<Record<string, string>>;
}
