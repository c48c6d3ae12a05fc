import type { HostContainerUse, HostImage, HostNetwork, HostVolume } from '../../domain/resources/types.js';
import { runExecSession, type ExecIo, type ExecRequest } from '../exec-session.js';
import { HostApiError, type DockerHostApi } from '../host-api.js';
import { getJson, readContainerUse, readImages, readNetworks, readVolumes } from './read.js';
import type { RawContainerUse } from './raw.js';

/*
 * What prune (and later the views' `P` key) needs of one host: the lists with sizes, and removal
 * of one named thing at a time — never the daemon's own /prune endpoints, which remove whatever
 * is unused when they run rather than what the plan showed. Removals are non-GET requests: a
 * read-only gateway refuses them before anything is sent.
 */
export interface ToolkitOps {
  readonly host: string;
  /** Images with `uniqueBytes` (not shared with other images) from `GET /system/df` when it answers. */
  images(): Promise<Array<HostImage & { uniqueBytes?: number }>>;
  volumes(): Promise<HostVolume[]>;
  networks(): Promise<HostNetwork[]>;
  /** Every container, running or not; `sizes` adds each writable layer's size (costlier). */
  containers(opts?: { sizes?: boolean }): Promise<HostContainerUse[]>;
  /** Untags each tag, then deletes the ID; `gone` when the daemon no longer had it. */
  removeImage(id: string, tags: readonly string[]): Promise<RemoveResult>;
  removeContainer(id: string): Promise<RemoveResult>;
  removeVolume(name: string): Promise<RemoveResult>;
  /** By ID (names repeat across hosts; the ID is this host's network). */
  removeNetwork(id: string): Promise<RemoveResult>;
  /** One exec session to its end (docker/exec-session.ts); resolves with the exit status. */
  exec(req: ExecRequest, io: ExecIo, signal?: AbortSignal): Promise<number>;
}

/** `removed`; `gone` (already not there); `in-use` (the daemon refused: something uses it now). */
export type RemoveResult = 'removed' | 'gone' | 'in-use';

function mapUse(host: string, c: RawContainerUse): HostContainerUse {
  return {
    host,
    id: c.Id ?? '',
    name: (c.Names?.[0] ?? '').replace(/^\//, ''),
    state: c.State ?? '',
    imageId: c.ImageID ?? '',
    volumes: [
      ...new Set((c.Mounts ?? []).filter((m) => m.Type === 'volume' && m.Name).map((m) => m.Name as string)),
    ],
    ...(typeof c.SizeRw === 'number' ? { sizeRwBytes: c.SizeRw } : {}),
    created: c.Created ?? 0,
    labels: (c as { Labels?: Record<string, string> | null }).Labels ?? {},
  };
}

function message(body: unknown): string {
  const m = (body as { message?: unknown } | null)?.message;
  return typeof m === 'string' ? m : String(body ?? '').slice(0, 300);
}

export function toolkitOps(api: DockerHostApi): ToolkitOps {
  const host = api.name;
  /** `busy`: what the daemon answers for "in use" (409; a network with endpoints answers 403). */
  async function remove(path: string, busy: readonly number[] = [409]): Promise<RemoveResult> {
    const res = await api.request('DELETE', path);
    if (res.statusCode >= 200 && res.statusCode < 300) return 'removed';
    if (res.statusCode === 404) return 'gone';
    if (busy.includes(res.statusCode)) return 'in-use';
    throw new HostApiError(host, {
      code: 'docker-error',
      message: `${host}: Docker answered ${res.statusCode} to DELETE ${path.split('?')[0]}: ${message(res.body)}`,
    });
  }
  return {
    host,
    async images() {
      const [list, df] = await Promise.all([
        readImages(api),
        getJson(api, '/system/df').catch(() => undefined),
      ]);
      const unique = new Map<string, number>();
      const dfImages = (df as { Images?: Array<{ Id?: string; Size?: number; SharedSize?: number }> | null })
        ?.Images;
      for (const i of dfImages ?? []) {
        if (i.Id && typeof i.Size === 'number' && typeof i.SharedSize === 'number' && i.SharedSize >= 0)
          unique.set(i.Id, i.Size - i.SharedSize);
      }
      return list.map((i) => {
        const u = unique.get(i.id);
        return u === undefined ? i : { ...i, uniqueBytes: u };
      });
    },
    volumes: () => readVolumes(api),
    networks: () => readNetworks(api),
    async containers(opts = {}) {
      return (await readContainerUse(api, { size: opts.sizes ?? false })).map((c) => mapUse(host, c));
    },
    async removeImage(id, tags) {
      // Deleting an ID that has several tags needs force, which would also take an image that a
      // stopped container uses: untag one by one instead; the last untag deletes the image.
      for (const tag of tags) {
        const r = await remove(`/images/${encodeURIComponent(tag)}`);
        if (r === 'in-use') return r;
      }
      const last = await remove(`/images/${encodeURIComponent(id)}`);
      return tags.length > 0 && last === 'gone' ? 'removed' : last;
    },
    removeContainer: (id) => remove(`/containers/${encodeURIComponent(id)}?v=0`),
    removeVolume: (name) => remove(`/volumes/${encodeURIComponent(name)}`),
    removeNetwork: (id) => remove(`/networks/${encodeURIComponent(id)}`, [403, 409]),
    exec: (req, io, signal) => runExecSession(api, req, io, signal),
  };
}
