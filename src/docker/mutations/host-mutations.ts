import type Dockerode from 'dockerode';
import { Readable } from 'node:stream';
import { LogDemuxer } from '../../domain/logs/demux.js';
import { dockerodeOf } from '../dockerode-of.js';
import { collectDemuxedTail, collectTail } from './bounded-collect.js';
import { toHostApiError } from '../errors.js';
import type { DockerHostApi } from '../host-api.js';
import { cloneSpec, type CloneSource, type ImageConfig } from './clone-spec.js';
import { configChangesOf, runHelperContainer } from './helper-run.js';
import { placePauseGuard } from './pause-guard.js';
import { sizeQueries } from './sizes.js';
import { swarmMutations } from './swarm.js';
import { toolkitOps } from '../resources/ops.js';
import type { CommandOutcome, HostMutations, ImageSummary, LockResult } from './types.js';

const OUTPUT_LINES = 40;

function demuxText(raw: Buffer, tty: boolean): string {
  if (tty) return raw.toString('utf8');
  const demux = new LogDemuxer();
  return Buffer.concat(demux.push(raw).map((f) => f.data)).toString('utf8');
}

function lastLines(text: string, n: number): string[] {
  return text
    .split('\n')
    .filter((l) => l !== '')
    .slice(-n);
}

function statusOf(err: unknown): number | undefined {
  const s = (err as { statusCode?: unknown } | null)?.statusCode;
  return typeof s === 'number' ? s : undefined;
}

/**
 * Commit `changes`: one LABEL instruction per label, values JSON-quoted, sent as repeated `changes`
 * parameters (as `docker commit --change … --change …` does). One LABEL line with several pairs reads
 * fine on Docker, but Podman 4.3 takes everything after the first `=` as the first label's value.
 */
export function labelChanges(labels: Readonly<Record<string, string>>): string[] {
  return Object.entries(labels).map(([k, v]) => `LABEL ${JSON.stringify(k)}=${JSON.stringify(v)}`);
}

/** The HostMutations of a fleetdeck gateway (its transport's read-only guard applies to all of it). */
export function hostMutations(api: DockerHostApi): HostMutations {
  const host = api.name;
  async function call<T>(what: string, fn: (d: Dockerode) => Promise<T>): Promise<T> {
    const d = await dockerodeOf(api);
    try {
      return await fn(d);
    } catch (err) {
      throw toHostApiError(host, err, { what });
    }
  }

  const self: HostMutations = {
    host,
    swarm: swarmMutations(api),
    toolkit: toolkitOps(api),
    sizes: sizeQueries(api),
    engine: async () => (await api.info()).engine ?? 'docker',
    list: (all) => api.listContainers({ all }),
    inspect: (id) => api.inspectContainer(id),
    async findByName(name) {
      const d = await dockerodeOf(api);
      try {
        await d.getContainer(name).inspect();
      } catch (err) {
        if (statusOf(err) === 404) return undefined;
        throw toHostApiError(host, err, { what: `GET /containers/${name}/json` });
      }
      const details = await api.inspectContainer(name);
      // The daemon also resolves id prefixes: only an exact name counts here.
      return details.name === name ? details : undefined;
    },
    restart: (id, t) =>
      call(`POST /containers/${id}/restart`, (d) => d.getContainer(id).restart(t === undefined ? {} : { t })),
    kill: (id, signal) => call(`POST /containers/${id}/kill`, (d) => d.getContainer(id).kill({ signal })),
    stop: (id, t) =>
      call(`POST /containers/${id}/stop`, async (d) => {
        try {
          await d.getContainer(id).stop(t === undefined ? {} : { t });
        } catch (err) {
          if (statusOf(err) !== 304) throw err; // already stopped
        }
      }),
    start: (id) =>
      call(`POST /containers/${id}/start`, async (d) => {
        try {
          await d.getContainer(id).start();
        } catch (err) {
          if (statusOf(err) !== 304) throw err; // already running
        }
      }),
    rename: (id, name) => call(`POST /containers/${id}/rename`, (d) => d.getContainer(id).rename({ name })),
    remove: (id, opts = {}) =>
      call(`DELETE /containers/${id}`, (d) =>
        d.getContainer(id).remove({ force: opts.force ?? false, v: opts.volumes ?? false }),
      ),
    pause: (id) => call(`POST /containers/${id}/pause`, (d) => d.getContainer(id).pause()),
    unpause: (id) => call(`POST /containers/${id}/unpause`, (d) => d.getContainer(id).unpause()),
    createHelper: (name, image, labels = {}) =>
      call(`POST /containers/create (${name})`, async (d) => {
        const c = await d.createContainer({
          name,
          Image: image,
          Cmd: ['true'],
          Entrypoint: [],
          Labels: { ...labels },
          HostConfig: { NetworkMode: 'none', RestartPolicy: { Name: 'no' } },
        });
        return c.id;
      }),
    guardPause: (id, opts) => placePauseGuard(api, id, opts),
    runHelper: (opts) => call(`POST /containers/create (${opts.name})`, (d) => runHelperContainer(d, opts)),
    clone: (sourceId, opts) =>
      call(`POST /containers/create (${opts.name})`, async (d) => {
        const src = (await d.getContainer(sourceId).inspect()) as unknown as CloneSource & { Image?: string };
        let oldImage: ImageConfig = {};
        try {
          const img = (await d.getImage(src.Image ?? '').inspect()) as unknown as { Config?: ImageConfig };
          oldImage = img.Config ?? {};
        } catch {
          // The old image may be gone (pruned); then everything counts as configured.
        }
        const spec = cloneSpec(src, oldImage, opts);
        const created = await d.createContainer({
          name: spec.name,
          ...spec.body,
        } as Dockerode.ContainerCreateOptions);
        for (const net of spec.extraNetworks) {
          await d.getNetwork(net.name).connect({
            Container: created.id,
            EndpointConfig: net.aliases.length ? { Aliases: net.aliases } : {},
          });
        }
        return created.id;
      }),
    wait: (id) =>
      call(`POST /containers/${id}/wait`, async (d) => {
        const r = (await d.getContainer(id).wait()) as { StatusCode?: number };
        return r.StatusCode ?? -1;
      }),
    logsTail: (id, lines) =>
      call(`GET /containers/${id}/logs`, async (d) => {
        const c = d.getContainer(id);
        const info = (await c.inspect()) as { Config?: { Tty?: boolean } };
        const raw = (await c.logs({
          stdout: true,
          stderr: true,
          tail: lines,
          follow: false,
        })) as unknown as Buffer;
        return lastLines(
          demuxText(Buffer.isBuffer(raw) ? raw : Buffer.from(String(raw)), info.Config?.Tty ?? false),
          lines,
        );
      }),
    exec: (id, cmd) =>
      call(`POST /containers/${id}/exec`, async (d): Promise<CommandOutcome> => {
        const exec = await d.getContainer(id).exec({ Cmd: cmd, AttachStdout: true, AttachStderr: true });
        const stream = await exec.start({ hijack: false, stdin: false, Detach: false, Tty: false });
        const { tail } = await collectDemuxedTail(stream);
        const info = (await exec.inspect()) as { ExitCode?: number | null };
        return {
          code: info.ExitCode ?? -1,
          output: lastLines(tail.toString('utf8'), OUTPUT_LINES).join('\n'),
        };
      }),
    commit: (id, opts) =>
      call(`POST /commit (${id})`, async (d) => {
        const r = (await d.getContainer(id).commit({
          repo: opts.repo,
          tag: opts.tag,
          comment: opts.comment,
          pause: opts.pause,
          // docker-modem sends an array as repeated query parameters (one change each).
          changes: [
            ...(opts.configOf ? await configChangesOf(d, opts.configOf) : []),
            ...labelChanges(opts.labels),
          ],
        })) as { Id?: string };
        return r.Id ?? '';
      }),
    async imagePresent(ref) {
      const d = await dockerodeOf(api);
      try {
        await d.getImage(ref).inspect();
        return true;
      } catch (err) {
        if (statusOf(err) === 404) return false;
        throw toHostApiError(host, err, { what: `GET /images/${ref}/json` });
      }
    },
    async imageId(ref) {
      const d = await dockerodeOf(api);
      try {
        const img = (await d.getImage(ref).inspect()) as { Id?: string };
        return img.Id;
      } catch (err) {
        if (statusOf(err) === 404) return undefined;
        throw toHostApiError(host, err, { what: `GET /images/${ref}/json` });
      }
    },
    images: (labelFilter) =>
      call('GET /images/json', async (d): Promise<ImageSummary[]> => {
        const list = (await d.listImages({ filters: { label: [labelFilter] } })) as Array<{
          Id?: string;
          RepoTags?: string[] | null;
          Labels?: Record<string, string> | null;
          Size?: number;
          Created?: number;
        }>;
        return list.map((i) => ({
          id: i.Id ?? '',
          tags: (i.RepoTags ?? []).filter((t) => t !== '<none>:<none>'),
          labels: i.Labels ?? {},
          size: i.Size ?? 0,
          created: i.Created ?? 0,
        }));
      }),
    removeImage: (ref) => call(`DELETE /images/${ref}`, (d) => d.getImage(ref).remove({})),
    tagImage: (ref, repo, tag) => call(`POST /images/${ref}/tag`, (d) => d.getImage(ref).tag({ repo, tag })),
    saveImage: (ref) =>
      call(`GET /images/${ref}/get`, async (d) => (await d.getImage(ref).get()) as unknown as Readable),
    loadImage: (tar) =>
      call('POST /images/load', async (d) => {
        const res = await d.loadImage(tar);
        const text = (await collectTail(res)).tail.toString('utf8');
        // The daemon reports a bad archive inside a 200 response, as a JSON error line.
        const failed = /"error(?:Detail)?"\s*:\s*"?([^"}]*)/.exec(text);
        if (failed) throw new Error(`docker load failed: ${failed[1] ?? text}`);
      }),
    getArchive: (id, path) =>
      call(
        `GET /containers/${id}/archive`,
        async (d) => (await d.getContainer(id).getArchive({ path })) as unknown as Readable,
      ),
    putArchive: (id, path, tar) =>
      call(`PUT /containers/${id}/archive`, async (d) => {
        const res = await d.getContainer(id).putArchive(tar, { path });
        if (res && typeof (res as NodeJS.ReadableStream).on === 'function') await collectTail(res);
      }),
    createVolume: (name, labels) =>
      call(`POST /volumes/create (${name})`, async (d) => {
        // The daemon answers 201 for a name that exists (and hands that volume back): refuse it here.
        const there = await d
          .getVolume(name)
          .inspect()
          .then(() => true)
          .catch((err: unknown) => (statusOf(err) === 404 ? false : Promise.reject(err)));
        if (there) throw new Error(`volume ${name} already exists`);
        await d.createVolume({ Name: name, Labels: { ...labels } });
      }),
    removeVolume: (name) =>
      call(`DELETE /volumes/${name}`, async (d) => {
        try {
          await d.getVolume(name).remove();
        } catch (err) {
          if (statusOf(err) !== 404) throw err; // already gone
        }
      }),
    async createLock(name, image, labels): Promise<LockResult> {
      const d = await dockerodeOf(api);
      try {
        await d.createContainer({
          name,
          Image: image,
          Cmd: ['true'],
          Entrypoint: [],
          Labels: { ...labels },
          HostConfig: { NetworkMode: 'none', RestartPolicy: { Name: 'no' } },
        });
        return { acquired: true };
      } catch (err) {
        if (statusOf(err) !== 409)
          throw toHostApiError(host, err, { what: `POST /containers/create (${name})` });
        const holder = (await d.getContainer(name).inspect()) as {
          Config?: { Labels?: Record<string, string> | null };
        };
        return { acquired: false, holder: holder.Config?.Labels ?? {} };
      }
    },
  };
  return self;
}
