import type Dockerode from 'dockerode';
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
import { rawRequest, rawStream, type RawResponse } from './http-request.js';
import { eventsQuery, readEventStream } from './event-stream.js';
import { mapContainer } from './map-container.js';
import { mapDetails } from './map-details.js';
import { engineOfVersion, mapInfo, mapSystemDf } from './map-info.js';
import { mapStats } from './map-stats.js';
import { ApiTooOldError, VersionGate } from './version-gate.js';
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

/** The DockerHostApi over any ChannelAgent; ssh and local gateways differ only in their parts. */
export function createGatewayFromParts(parts: GatewayParts): DockerHostApi {
  const { name, agent, opts } = parts;
  const gate = new VersionGate(opts.maxApiVersion);
  let docker: Promise<Dockerode> | undefined;
  let closed = false;

  const fail = (err: unknown, what: string): HostApiError =>
    toHostApiError(name, err, { what, socketPath: parts.socketPath, transport: parts.transport });
  const tooOld = (err: unknown): unknown =>
    err instanceof ApiTooOldError
      ? new HostApiError(name, { code: 'api-too-old', message: `${name}: ${err.reason}` })
      : err;

  /** Settles the version from an answer's header; an answer without one only counts when it is a success. */
  function learnFrom(res: RawResponse): void {
    const header = res.headers['api-version'];
    if (header === undefined && (res.statusCode < 200 || res.statusCode >= 300)) return;
    try {
      gate.learn(header);
    } catch (err) {
      throw tooOld(err);
    }
  }

  async function pingRaw(): Promise<PingResult> {
    if (closed) throw fail(new Error('gateway closed'), 'a request');
    const started = performance.now();
    const res = await rawRequest(agent, 'GET', '/_ping').catch((err: unknown) => {
      throw fail(err, 'GET /_ping');
    });
    const latencyMs = performance.now() - started;
    const header = res.headers['api-version'];
    const apiVersion = Array.isArray(header) ? header[0] : header;
    if (res.statusCode !== 200)
      throw fail({ statusCode: res.statusCode, message: String(res.body) }, 'GET /_ping');
    learnFrom(res);
    return { apiVersion: apiVersion ?? '', latencyMs };
  }

  /** The negotiated version, asking /_ping only when no answer has told it yet. */
  async function version(): Promise<string> {
    return gate.known ?? (await pingRaw(), gate.known ?? '');
  }

  /**
   * A GET answered in JSON. Sent unversioned while the version is unknown: its answer's header
   * settles it (VersionGate), so the first request of a host needs no /_ping before it.
   */
  async function getJson<T>(path: string, what = `GET ${path.split('?')[0]}`): Promise<T> {
    if (closed) throw fail(new Error('gateway closed'), 'a request');
    const res = await rawRequest(agent, 'GET', gate.pathFor(path)).catch((err: unknown) => {
      throw fail(err, what);
    });
    learnFrom(res);
    if (res.statusCode < 200 || res.statusCode >= 300) {
      const message = typeof res.body === 'string' ? res.body.trim() : `HTTP ${res.statusCode}`;
      throw fail({ statusCode: res.statusCode, json: res.body, message }, what);
    }
    return res.body as T;
  }

  /** dockerode (for the mutation helpers and exec), loaded on first use: listing never pays for it. */
  function negotiated(): Promise<Dockerode> {
    if (closed) return Promise.reject(fail(new Error('gateway closed'), 'a request'));
    docker ??= version().then(
      async (v) => {
        const [{ default: DockerodeClass }, { isolatedModem }] = await Promise.all([
          import('dockerode'),
          import('./isolated-modem.js'),
        ]);
        // Our own modem: docker-modem's constructor would let DOCKER_HOST & co. redirect it.
        // dockerode's types omit `modem`, which it uses as given.
        const modem = isolatedModem({ agent, version: `v${v}`, socketPath: parts.socketPath });
        return new DockerodeClass({ modem } as Dockerode.DockerOptions);
      },
      (err: unknown) => {
        docker = undefined; // retry negotiation on the next call
        throw err;
      },
    );
    return docker;
  }

  // Read as a stream, followed or not: a whole log is never held in memory here.
  const openLogStream = async (
    path: string,
    logOpts: LogStreamOptions,
    tty: boolean,
    extra: Record<string, string> = {},
  ): Promise<LogStream> => {
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
    const stream: Readable = await rawStream(agent, gate.pathFor(`${path}?${query}`)).catch(
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
      return pingRaw();
    },
    info: async () => mapInfo(await getJson<RawInfo>('/info')),
    version: async () => {
      const v = await getJson<RawVersion>('/version');
      return {
        engine: engineOfVersion(v),
        version: v.Version ?? '',
        apiVersion: v.ApiVersion ?? '',
        ...(v.MinAPIVersion ? { minApiVersion: v.MinAPIVersion } : {}),
        ...(v.Os ? { os: v.Os } : {}),
        ...(v.Arch ? { arch: v.Arch } : {}),
      };
    },
    listContainers: async ({ all }): Promise<Container[]> => {
      const list = await getJson<RawContainer[]>(`/containers/json?all=${all}`);
      return list.map((c) => mapContainer(name, c, opts.roleLabel));
    },
    inspectContainer: async (id) =>
      mapDetails(
        name,
        await getJson<RawInspect>(`/containers/${encodeURIComponent(id)}/json`, `GET /containers/${id}/json`),
        opts.roleLabel,
      ),
    statsOnce: async (id) =>
      mapStats(
        name,
        id,
        await getJson<RawStats>(
          `/containers/${encodeURIComponent(id)}/stats?stream=false&one-shot=true`,
          `GET /containers/${id}/stats`,
        ),
        (opts.clock ?? systemClock).now(),
      ),
    systemDf: async () => mapSystemDf(await getJson<RawDf>('/system/df')),

    async events(eventOpts, onEvent, onEnd): Promise<EventSubscription> {
      if (closed) throw fail(new Error('gateway closed'), 'a request');
      const query = new URLSearchParams(
        Object.entries(eventsQuery(eventOpts)).map(([k, v]): [string, string] => [k, String(v)]),
      ).toString();
      // Like getJson: unversioned until an answer told the version (the daemon's header arrives
      // as the stream starts), so subscribing first needs no /_ping either.
      const stream = await rawStream(agent, gate.pathFor(`/events${query ? `?${query}` : ''}`)).catch(
        (err: unknown) => {
          throw fail(err, 'GET /events');
        },
      );
      try {
        learnFrom({ statusCode: stream.statusCode ?? 0, headers: stream.headers, body: undefined });
      } catch (err) {
        stream.destroy();
        throw err;
      }
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
      const v = await version();
      const full = path.startsWith('/v') ? path : `/v${v}${path}`;
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
