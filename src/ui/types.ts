import type { ResourceKind } from '../domain/resources/types.js';
import type { ResourceListing, ResourceRows } from '../fleet/resources/collect.js';
import type { ContainerDetails } from '../domain/details.js';

/** Local machine vitals for the side panel; the app samples them (systeminformation), the UI shows them. */
export interface LocalVitals {
  load1: number;
  load5: number;
  load15: number;
  memUsedBytes: number;
  memTotalBytes: number;
  diskUsedBytes: number;
  diskTotalBytes: number;
}

/** What a mutating action is aimed at. */
export type ActionTarget =
  | { kind: 'container'; host: string; id: string; name: string }
  | { kind: 'role'; role: string }
  /** `replicas`: the count now, offered as the default of a scale. */
  | { kind: 'service'; swarm: string; service: string; replicas?: number }
  /** `node`: the node's id; `hostname` for prompts. */
  | { kind: 'node'; swarm: string; node: string; hostname: string };

export type LoadDetails = (host: string, id: string) => Promise<ContainerDetails>;

/** One fleet-wide read of images, volumes or networks (the rows, who answered, who did not). */
export type LoadResources = <K extends ResourceKind>(kind: K) => Promise<ResourceListing<ResourceRows[K]>>;
