import type { HostImage, HostNetwork, HostVolume } from '../../domain/resources/types.js';
import type { RawContainerUse, RawImageSummary, RawNetwork, RawVolume } from './raw.js';

/** The containers (running or not, by name) that use each image ID, volume name and network. */
export interface Usage {
  images: ReadonlyMap<string, string[]>;
  volumes: ReadonlyMap<string, string[]>;
  /** By network ID, and by name for daemons that leave NetworkID empty. */
  networkIds: ReadonlyMap<string, string[]>;
  networkNames: ReadonlyMap<string, string[]>;
}

function add(m: Map<string, string[]>, key: string | undefined, user: string): void {
  if (!key) return;
  const list = m.get(key);
  if (list) list.push(user);
  else m.set(key, [user]);
}

export function usageOf(containers: readonly RawContainerUse[]): Usage {
  const images = new Map<string, string[]>();
  const volumes = new Map<string, string[]>();
  const networkIds = new Map<string, string[]>();
  const networkNames = new Map<string, string[]>();
  for (const c of containers) {
    const user = (c.Names?.[0] ?? c.Id?.slice(0, 12) ?? '?').replace(/^\//, '');
    add(images, c.ImageID, user);
    // A container mounting one volume twice still uses it once.
    const names = new Set((c.Mounts ?? []).filter((m) => m.Type === 'volume').map((m) => m.Name));
    for (const n of names) add(volumes, n, user);
    for (const [name, net] of Object.entries(c.NetworkSettings?.Networks ?? {})) {
      add(networkNames, name, user);
      add(networkIds, net?.NetworkID, user);
    }
  }
  return { images, volumes, networkIds, networkNames };
}

/** Who uses it and how many: the count the rows show, the names that Enter in the dashboard lists. */
function users(list: readonly string[] | undefined): { containers: number; users: string[] } {
  return { containers: list?.length ?? 0, users: [...(list ?? [])] };
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
    ...users(usage.images.get(id)),
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
    ...users(usage.volumes.get(name)),
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
    ...users(usage.networkIds.get(id) ?? usage.networkNames.get(name)),
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
