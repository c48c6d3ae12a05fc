import type { HostImage, HostNetwork, HostVolume } from '../../domain/resources/types.js';
import { HostApiError, type DockerHostApi } from '../host-api.js';
import { dfVolumeSizes, mapImage, mapNetwork, mapVolume, usageOf, type Usage } from './map.js';
import type { RawContainerUse, RawDfVolumes, RawImageSummary, RawNetwork, RawVolumeList } from './raw.js';

/*
 * Reads of a host's images, volumes and networks. They go through the gateway's generic
 * request (a GET: allowed on a read-only transport, held to the read deadlines and size caps).
 */

function dockerMessage(body: unknown): string {
  if (
    typeof body === 'object' &&
    body !== null &&
    typeof (body as { message?: unknown }).message === 'string'
  )
    return (body as { message: string }).message;
  return String(body).slice(0, 300);
}

/** The JSON answer to `GET path`; a non-2xx answer rejects with a HostApiError naming the host. */
export async function getJson(api: DockerHostApi, path: string): Promise<unknown> {
  const res = await api.request('GET', path);
  if (res.statusCode < 200 || res.statusCode >= 300) {
    throw new HostApiError(api.name, {
      code: 'docker-error',
      message: `${api.name}: Docker answered ${res.statusCode} to GET ${path.split('?')[0]}: ${dockerMessage(res.body)}`,
    });
  }
  return res.body;
}

function asArray<T>(body: unknown): T[] {
  return Array.isArray(body) ? (body as T[]) : [];
}

/** Every container of the host, running or not (`size`: with `SizeRw`, which costs the daemon more). */
export async function readContainerUse(
  api: DockerHostApi,
  opts: { size?: boolean } = {},
): Promise<RawContainerUse[]> {
  return asArray<RawContainerUse>(await getJson(api, `/containers/json?all=1${opts.size ? '&size=1' : ''}`));
}

async function usage(api: DockerHostApi): Promise<Usage> {
  return usageOf(await readContainerUse(api));
}

/** `GET /images/json` (top-level images, as `docker images`), with the containers using each. */
export async function readImages(api: DockerHostApi): Promise<HostImage[]> {
  const [raw, use] = await Promise.all([getJson(api, '/images/json'), usage(api)]);
  return asArray<RawImageSummary>(raw).map((i) => mapImage(api.name, i, use));
}

/**
 * `GET /volumes`, with the containers using each; sizes from `GET /system/df` when `sizes`
 * (it walks every volume: slow on big ones) — a df that fails leaves the sizes unknown.
 */
export async function readVolumes(
  api: DockerHostApi,
  opts: { sizes: boolean } = { sizes: true },
): Promise<HostVolume[]> {
  const df = opts.sizes
    ? getJson(api, '/system/df').then(
        (b) => dfVolumeSizes((b as RawDfVolumes | null)?.Volumes),
        () => new Map<string, number>(),
      )
    : Promise.resolve(new Map<string, number>());
  const [raw, use, sizes] = await Promise.all([getJson(api, '/volumes'), usage(api), df]);
  const list = (raw as RawVolumeList | null)?.Volumes ?? [];
  return list.map((v) => mapVolume(api.name, v, use, sizes));
}

/** `GET /networks`, with the containers attached to each. */
export async function readNetworks(api: DockerHostApi): Promise<HostNetwork[]> {
  const [raw, use] = await Promise.all([getJson(api, '/networks'), usage(api)]);
  return asArray<RawNetwork>(raw).map((n) => mapNetwork(api.name, n, use));
}
