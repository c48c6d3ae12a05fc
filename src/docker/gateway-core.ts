import Dockerode from 'dockerode';
import type { Readable } from 'node:stream';
import type { Container } from '../domain/container.js';
import { systemClock, type Clock } from '../util/clock.js';
import type { RawContainer, RawDf, RawInfo, RawInspect, RawStats, RawVersion } from './api-types.js';
import type { ChannelAgent } from './channel-agent.js';
import { registerDockerode } from './dockerode-of.js';
import { toHostApiError } from './errors.js';
import {
  HostApiError,
  type DockerHostApi,
  type EventSubscription,
  type HostCommandResult,
  type LogStream,
  type LogStreamOptions,
  type PingResult,
} from './host-api.js';
import { rawRequest, rawStream } from './http-request.js';
import { eventsQuery, readEventStream } from './event-stream.js';
import { isolatedModem } from './isolated-modem.js';
import { mapContainer } from './map-container.js';
import { mapDetails } from './map-details.js';
import { engineOfVersion, mapInfo, mapSystemDf } from './map-info.js';
import { mapStats } from './map-stats.js';
import { negotiateApiVersion } from './negotiate.js';
import { isReadMethod, ReadOnlyRefusal } from './read-only.js';
import { assertReadOnlyCommand } from './read-only-commands.js';

export interface GatewayOptions {
  readOnly: boolean;
  /** Label whose value is a container's role (see roleOf). */
  roleLabel?: string;
  /** Newest API version to use (default OUR_API_VERSION); tests lower it. */
  maxApiVersion?: string;
  /** Stamps stats samples (tests pass a fake). */
  clock?: Pick<Clock, 'now'>;
}

export interface GatewayParts {
  name: string;
  agent: ChannelAgent;
  opts: GatewayOptions;
  /** The Docker socket (here, or on the SSH host), for messages. */
  socketPath: string;
  /** How the daemon is reached, for messages that say what answered. */
  transport: 'ssh' | 'local';
  runHostCommand(command: string, timeoutMs: number): Promise<HostCommandResult>;
  /** Releases what the gateway holds beyond its channels (the SSH connection share). */
  release(): void;
}

const DEFAULT_COMMAND_TIMEOUT_MS = 30_000;

function versionOf(d: Dockerode): string {
  return (d.modem as { version?: string }).version ?? '';
}

/** The DockerHostApi over any ChannelAgent; ssh and local gateways differ only in their parts. */
export function createGatewayFromParts(parts: GatewayParts): DockerHostApi {
  const { name, agent, opts } = parts;
  let docker: Promise<Dockerode> | undefined;
  let closed = false;

  const fail = (err: unknown, what: string): HostApiError =>
    toHostApiError(name, err, { what, socketPath: parts.socketPath, transport: parts.transport });

  async function pingRaw(): Promise<PingResult> {
    const started = performance.now();
    const res = await rawRequest(agent, 'GET', '/_ping').catch((err: unknown) => {
      throw fail(err, 'GET /_ping');
    });
    const latencyMs = performance.now() - started;
    const header = res.headers['api-version'];
    const apiVersion = Array.isArray(header) ? header[0] : header;
    if (res.statusCode !== 200)
      throw fail({ statusCode: res.statusCode, message: String(res.body) }, 'GET /_ping');
    return { apiVersion: apiVersion ?? '', latencyMs };
  }

  function negotiated(): Promise<Dockerode> {
    if (closed) return Promise.reject(fail(new Error('gateway closed'), 'a request'));
    docker ??= pingRaw().then(
      ({ apiVersion }) => {
        const n = negotiateApiVersion(apiVersion, opts.maxApiVersion);
        if (!n.ok) throw new HostApiError(name, { code: 'api-too-old', message: `${name}: ${n.reason}` });
        // Our own modem: docker-modem's constructor would let DOCKER_HOST & co. redirect it.
        // dockerode's types omit `modem`, which it uses as given.
        const modem = isolatedModem({ agent, version: `v${n.version}`, socketPath: parts.socketPath });
        return new Dockerode({ modem } as Dockerode.DockerOptions);
      },
      (err: unknown) => {
        docker = undefined; // retry negotiation on the next call
        throw err;
      },
    );
    return docker;
  }

  async function call<T>(what: string, fn: (d: Dockerode) => Promise<T>): Promise<T> {
    const d = await negotiated();
    try {
      return await fn(d);
    } catch (err) {
      throw fail(err, what);
    }
  }

  // Read as a stream, followed or not: a whole log is never held in memory here.
  const openLogStream = async (
    path: string,
    logOpts: LogStreamOptions,
    tty: boolean,
    extra: Record<string, string> = {},
  ): Promise<LogStream> => {
    const d = await negotiated();
    const query = new URLSearchParams({
      stdout: '1',
      stderr: '1',
      timestamps: logOpts.timestamps ? '1' : '0',
      follow: logOpts.follow ? '1' : '0',
      // 'all' is the daemon's default.
      ...(typeof logOpts.tail === 'number' ? { tail: String(logOpts.tail) } : {}),
      ...(logOpts.since !== undefined ? { since: String(logOpts.since) } : {}),
      ...extra,
    });
    const stream: Readable = await rawStream(agent, `/${versionOf(d)}${path}?${query}`).catch(
      (err: unknown) => {
        throw fail(err, `GET ${path}`);
      },
    );
    return { stream, tty, close: () => stream.destroy() };
  };

  const api: DockerHostApi = {
    name,
    socketPath: parts.socketPath,
    async ping() {
      const result = await pingRaw();
      await negotiated();
      return result;
    },
    info: () => call('GET /info', async (d) => mapInfo((await d.info()) as RawInfo)),
    version: () =>
      call('GET /version', async (d) => {
        const v = (await d.version()) as RawVersion;
        return {
          engine: engineOfVersion(v),
          version: v.Version ?? '',
          apiVersion: v.ApiVersion ?? '',
          ...(v.MinAPIVersion ? { minApiVersion: v.MinAPIVersion } : {}),
          ...(v.Os ? { os: v.Os } : {}),
          ...(v.Arch ? { arch: v.Arch } : {}),
        };
      }),
    listContainers: ({ all }) =>
      call('GET /containers/json', async (d): Promise<Container[]> => {
        const list = (await d.listContainers({ all })) as RawContainer[];
        return list.map((c) => mapContainer(name, c, opts.roleLabel));
      }),
    inspectContainer: (id) =>
      call(`GET /containers/${id}/json`, async (d) =>
        mapDetails(name, (await d.getContainer(id).inspect()) as RawInspect, opts.roleLabel),
      ),
    statsOnce: (id) =>
      call(`GET /containers/${id}/stats`, async (d) =>
        mapStats(
          name,
          id,
          (await d.getContainer(id).stats({ stream: false, 'one-shot': true })) as RawStats,
          (opts.clock ?? systemClock).now(),
        ),
      ),
    systemDf: () => call('GET /system/df', async (d) => mapSystemDf((await d.df()) as RawDf)),

    async events(eventOpts, onEvent, onEnd): Promise<EventSubscription> {
      const stream = (await call('GET /events', (d) => d.getEvents(eventsQuery(eventOpts)))) as Readable;
      return readEventStream(name, stream, onEvent, onEnd, (err) => fail(err, 'GET /events'));
    },

    async logs(id, logOpts): Promise<LogStream> {
      const details = await api.inspectContainer(id);
      return openLogStream(`/containers/${encodeURIComponent(id)}/logs`, logOpts, details.tty);
    },

    async serviceLogs(id, logOpts): Promise<LogStream> {
      const res = await api.request('GET', `/services/${encodeURIComponent(id)}`);
      if (res.statusCode !== 200)
        throw fail(new Error(`answered ${res.statusCode}`), `GET /services/${id} (for its logs)`);
      const spec = res.body as { Spec?: { TaskTemplate?: { ContainerSpec?: { TTY?: boolean } } } };
      const tty = spec.Spec?.TaskTemplate?.ContainerSpec?.TTY === true;
      return openLogStream(`/services/${encodeURIComponent(id)}/logs`, logOpts, tty, { details: '1' });
    },

    async runHostCommand(command, cmdOpts) {
      try {
        if (opts.readOnly) assertReadOnlyCommand(name, command);
        return await parts.runHostCommand(command, cmdOpts?.timeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS);
      } catch (err) {
        throw fail(err, `running \`${command}\``);
      }
    },

    async request(method, path, body) {
      if (opts.readOnly && !isReadMethod(method)) throw new ReadOnlyRefusal(name, method, path);
      const d = await negotiated();
      const full = path.startsWith('/v') ? path : `/${versionOf(d)}${path}`;
      try {
        const res = await rawRequest(agent, method.toUpperCase(), full, body);
        return { statusCode: res.statusCode, body: res.body };
      } catch (err) {
        throw fail(err, `${method.toUpperCase()} ${path}`);
      }
    },

    async close() {
      if (closed) return;
      closed = true;
      agent.closeAll();
      agent.destroy();
      parts.release();
    },
  };
  registerDockerode(api, negotiated);
  return api;
}
