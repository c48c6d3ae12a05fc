import type { HostImage, HostNetwork, HostVolume } from '../../domain/resources/types.js';
import type { RawContainerUse, RawImageSummary, RawNetwork, RawVolume } from './raw.js';

/** How many containers (running or not) use each image ID, volume name and network. */
export interface Usage {
  images: ReadonlyMap<string, number>;
  volumes: ReadonlyMap<string, number>;
  /** By network ID, and by name for daemons that leave NetworkID empty. */
  networkIds: ReadonlyMap<string, number>;
  networkNames: ReadonlyMap<string, number>;
}

function bump(m: Map<string, number>, key: string | undefined): void {
  if (key) m.set(key, (m.get(key) ?? 0) + 1);
}

export function usageOf(containers: readonly RawContainerUse[]): Usage {
  const images = new Map<string, number>();
  const volumes = new Map<string, number>();
  const networkIds = new Map<string, number>();
  const networkNames = new Map<string, number>();
  for (const c of containers) {
    bump(images, c.ImageID);
    // A container mounting one volume twice still uses it once.
    const names = new Set((c.Mounts ?? []).filter((m) => m.Type === 'volume').map((m) => m.Name));
    for (const n of names) bump(volumes, n);
    for (const [name, net] of Object.entries(c.NetworkSettings?.Networks ?? {})) {
      bump(networkNames, name);
      bump(networkIds, net?.NetworkID);
    }
  }
  return { images, volumes, networkIds, networkNames };
}

/** Docker's RFC 3339 times (nanoseconds allowed) as epoch seconds; undefined when unparsable. */
export function epochSeconds(text: string | undefined): number | undefined {
  if (!text) return undefined;
  const ms = Date.parse(text.replace(/(\.\d{3})\d+/, '$1'));
  return Number.isFinite(ms) && ms > 0 ? Math.floor(ms / 1000) : undefined;
}

const NO_TAG = '<none>:<none>';
const NO_DIGEST = '<none>@<none>';

export function mapImage(host: string, raw: RawImageSummary, usage: Usage): HostImage {
  const id = raw.Id ?? '';
  const tags = (raw.RepoTags ?? []).filter((t) => t !== NO_TAG);
  return {
    host,
    id,
    tags,
    digests: (raw.RepoDigests ?? []).filter((d) => d !== NO_DIGEST),
    sizeBytes: raw.Size ?? 0,
    created: raw.Created ?? 0,
    containers: usage.images.get(id) ?? 0,
    dangling: tags.length === 0,
    labels: raw.Labels ?? {},
  };
}

/** `sizes`: volume name → bytes from `GET /system/df` (negative there means "not computed"). */
export function mapVolume(
  host: string,
  raw: RawVolume,
  usage: Usage,
  sizes: ReadonlyMap<string, number>,
): HostVolume {
  const name = raw.Name ?? '';
  const size = sizes.get(name) ?? raw.UsageData?.Size;
  const created = epochSeconds(raw.CreatedAt);
  return {
    host,
    name,
    driver: raw.Driver ?? 'local',
    mountpoint: raw.Mountpoint ?? '',
    scope: raw.Scope ?? 'local',
    ...(created !== undefined ? { created } : {}),
    labels: raw.Labels ?? {},
    ...(size !== undefined && size >= 0 ? { sizeBytes: size } : {}),
    containers: usage.volumes.get(name) ?? 0,
  };
}

const BUILTIN_NETWORKS = new Set(['bridge', 'host', 'none']);

export function mapNetwork(host: string, raw: RawNetwork, usage: Usage): HostNetwork {
  const id = raw.Id ?? '';
  const name = raw.Name ?? '';
  const created = epochSeconds(raw.Created);
  return {
    host,
    id,
    name,
    driver: raw.Driver ?? '',
    scope: raw.Scope ?? 'local',
    ...(created !== undefined ? { created } : {}),
    internal: raw.Internal ?? false,
    builtin: BUILTIN_NETWORKS.has(name) || raw.Ingress === true,
    containers: usage.networkIds.get(id) ?? usage.networkNames.get(name) ?? 0,
  };
}

export function dfVolumeSizes(volumes: readonly RawVolume[] | null | undefined): Map<string, number> {
  const out = new Map<string, number>();
  for (const v of volumes ?? []) {
    const size = v.UsageData?.Size;
    if (v.Name && typeof size === 'number') out.set(v.Name, size);
  }
  return out;
}
