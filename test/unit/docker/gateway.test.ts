import { afterEach, describe, expect, it } from 'vitest';
import { dockerodeOf } from '../../../src/docker/dockerode-of.js';
import { createLocalGateway } from '../../../src/docker/gateway.js';
import type { DockerHostApi } from '../../../src/docker/host-api.js';
import type { FleetEvent } from '../../../src/domain/event.js';
import { fixture } from './fixtures.js';
import { json, startFakeDocker, type FakeDocker } from './fake-docker.js';

let docker: FakeDocker | undefined;
let api: DockerHostApi | undefined;
afterEach(async () => {
  await api?.close();
  await docker?.close();
  api = docker = undefined;
});

async function gateway(
  apiVersion: string,
  readOnly: boolean,
  routes = [json('/v1.41/containers/json', fixture('containers-list.json'))],
) {
  docker = await startFakeDocker(apiVersion, routes);
  api = createLocalGateway(
    { kind: 'local', name: 'local-1', socketPath: docker.socketPath },
    { readOnly, roleLabel: 'role' },
  );
  return { api, docker };
}

describe('gateway API version negotiation', () => {
  it('uses the host version when it is older than ours', async () => {
    const { api, docker } = await gateway('1.41', true);
    const ping = await api.ping();
    expect(ping.apiVersion).toBe('1.41');
    const list = await api.listContainers({ all: true });
    expect(list).toHaveLength(5);
    expect(docker.requests).toContain('GET /v1.41/containers/json?all=true');
  });

  it('uses ours when the host is newer', async () => {
    const { api, docker } = await gateway('1.47', true, [json('/v1.43/containers/json', [])]);
    await api.ping();
    expect(await api.listContainers({ all: false })).toEqual([]);
    expect(docker.requests.at(-1)).toBe('GET /v1.43/containers/json?all=false');
  });

  it('sends the first request unversioned, with no /_ping before it, and negotiates from its Api-Version header', async () => {
    const { api, docker } = await gateway('1.47', true, [
      json('/v1.47/containers/json', []),
      json('/v1.43/info', fixture('info.json')),
    ]);
    expect(await api.listContainers({ all: true })).toEqual([]);
    await api.info();
    expect(docker.requests).toEqual(['GET /containers/json?all=true', 'GET /v1.43/info']);
  });

  it('refuses a host older than the minimum on its first answer, without a /_ping', async () => {
    const { api, docker } = await gateway('1.12', true);
    await expect(api.listContainers({ all: true })).rejects.toMatchObject({
      problem: { code: 'api-too-old' },
    });
    expect(docker.requests).toEqual(['GET /containers/json?all=true']);
  });

  it('refuses hosts older than the minimum with api-too-old', async () => {
    const { api } = await gateway('1.12', true);
    await expect(api.listContainers({ all: true })).rejects.toMatchObject({
      problem: {
        code: 'api-too-old',
        message: expect.stringContaining('local-1: Docker API 1.12 is older than 1.24'),
      },
    });
  });
});

describe('read-only gateway', () => {
  it('refuses a non-GET request before it reaches the daemon', async () => {
    const { api, docker } = await gateway('1.41', true);
    await expect(api.request('POST', '/containers/web-1/restart')).rejects.toThrow(
      'read-only mode: refused POST /containers/web-1/restart on local-1',
    );
    expect(docker.requests).toEqual([]);
  });

  it('refuses mutations made through its dockerode instance too', async () => {
    const { api, docker } = await gateway('1.41', true);
    const d = await dockerodeOf(api);
    await expect(d.getContainer('web-1').restart()).rejects.toThrow(/read-only mode: refused POST/);
    await expect(d.getContainer('web-1').remove()).rejects.toThrow(/refused DELETE/);
    expect(docker.requests).toEqual(['GET /_ping']);
  });

  it('lets writes through when not read-only', async () => {
    const restart = (
      req: { method?: string; url?: string },
      res: { statusCode: number; end: () => void },
    ) => {
      if (req.method !== 'POST') return false;
      res.statusCode = 204;
      res.end();
      return true;
    };
    const { api, docker } = await gateway('1.41', false, [restart as never]);
    expect(await api.request('POST', '/containers/web-1/restart')).toEqual({ statusCode: 204, body: '' });
    expect(docker.requests.at(-1)).toBe('POST /v1.41/containers/web-1/restart');
  });
});

describe('gateway streams and errors', () => {
  it('parses events split across chunks and several per chunk', async () => {
    const events = (
      req: { url?: string },
      res: { write: (s: string) => void; end: () => void; setHeader: (k: string, v: string) => void },
    ) => {
      if (!req.url?.startsWith('/v1.41/events')) return false;
      const a = JSON.stringify({
        Type: 'container',
        Action: 'start',
        Actor: { ID: 'a', Attributes: { name: 'x{"}' } },
        time: 1,
      });
      const b = JSON.stringify({ Type: 'container', Action: 'die', Actor: { ID: 'b' }, time: 2 });
      res.setHeader('Content-Type', 'application/json');
      res.write(a.slice(0, 20));
      setTimeout(() => {
        res.write(a.slice(20) + '\n' + b + '\n');
        res.end();
      }, 20);
      return true;
    };
    const { api, docker } = await gateway('1.41', true, [events as never]);
    const seen: FleetEvent[] = [];
    const ended = new Promise<unknown>(
      (resolve) => void api.events({ since: 100 }, (e) => seen.push(e), resolve),
    );
    expect(await ended).toBeUndefined();
    expect(seen.map((e) => `${e.action} ${e.actorId} ${e.attributes.name ?? ''}`)).toEqual([
      'start a x{"}',
      'die b ',
    ]);
    // The gateway's first request: unversioned, its answer's Api-Version settles the version.
    expect(docker.requests.at(-1)).toBe('GET /events?since=100');
  });

  it('sends the daemon-side filters of the events subscription, JSON-encoded as dockerd reads them', async () => {
    const urls: string[] = [];
    const events = (req: { url?: string }, res: { end: () => void }) => {
      if (!req.url?.startsWith('/v1.41/events')) return false;
      urls.push(req.url);
      res.end();
      return true;
    };
    const { api } = await gateway('1.41', true, [events as never]);
    await new Promise<unknown>(
      (resolve) =>
        void api.events(
          { since: 7, filters: { type: ['container', 'image'], event: ['start', 'die'], label: [] } },
          () => undefined,
          resolve,
        ),
    );
    const query = new URL(`http://x${urls[0] ?? ''}`).searchParams;
    expect(query.get('since')).toBe('7');
    // An empty list is left out: dockerd would read it as "match nothing".
    expect(JSON.parse(query.get('filters') ?? 'null')).toEqual({
      type: ['container', 'image'],
      event: ['start', 'die'],
    });
  });

  it('reports Docker errors with the host, the call and Docker’s message', async () => {
    const { api } = await gateway('1.41', true);
    await expect(api.inspectContainer('nope')).rejects.toMatchObject({
      problem: {
        code: 'docker-error',
        message: expect.stringMatching(
          /^local-1: Docker answered 404 to GET \/containers\/nope\/json: no such route/,
        ),
      },
    });
  });

  it('reports a missing local socket as socket-missing', async () => {
    api = createLocalGateway(
      { kind: 'local', name: 'local-2', socketPath: '/nonexistent/docker.sock' },
      { readOnly: true },
    );
    await expect(api.ping()).rejects.toMatchObject({
      problem: {
        code: 'socket-missing',
        message: expect.stringContaining('local-2: /nonexistent/docker.sock does not exist'),
      },
    });
  });

  it('runs local host commands with sh -c and returns non-zero exits as results', async () => {
    api = createLocalGateway(
      { kind: 'local', name: 'local-3', socketPath: '/nonexistent' },
      { readOnly: false },
    );
    expect(await api.runHostCommand('echo out; echo err >&2; exit 4')).toEqual({
      code: 4,
      stdout: 'out\n',
      stderr: 'err\n',
    });
    await expect(api.runHostCommand('sleep 5', { timeoutMs: 50 })).rejects.toMatchObject({
      problem: { code: 'timeout' },
    });
  });
});
