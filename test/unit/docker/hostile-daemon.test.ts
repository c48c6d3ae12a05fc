import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type RequestListener, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DeadlineSettings } from '../../../src/docker/deadlines.js';
import { createLocalGateway } from '../../../src/docker/gateway.js';
import type { DockerHostApi, HostApiError } from '../../../src/docker/host-api.js';
import { fixture } from './fixtures.js';
import { json, startFakeDocker, type FakeDocker, type Route } from './fake-docker.js';

/*
 * Daemons that accept and never answer, stall mid-answer, or send without end — over a real unix
 * socket through the real agent, with deadlines shortened so the tests do not wait long. Nothing
 * here measures time: each test asserts what failed, how it was reported, and what it cost.
 */
const SHORT: DeadlineSettings = {
  readAnswerMs: 150,
  readCompleteMs: 300,
  slowReadMs: 300,
  changeAnswerMs: 300,
  longChangeMs: 300,
  maxAnswerBytes: 256 * 1024,
};
const MiB = 1024 * 1024;

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function gateway(name: string, socketPath: string): DockerHostApi {
  const api = createLocalGateway({ kind: 'local', name, socketPath }, { readOnly: true, deadlines: SHORT });
  cleanups.push(() => api.close());
  return api;
}

async function fake(routes: Route[]): Promise<FakeDocker> {
  const docker = await startFakeDocker('1.41', routes);
  cleanups.push(() => docker.close());
  return docker;
}

/** An HTTP server on a unix socket of its own, answering every request with `handler`. */
async function serve(handler: RequestListener): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'fd-hostile-'));
  const socketPath = join(dir, 'docker.sock');
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));
  cleanups.push(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    rmSync(dir, { recursive: true, force: true });
  });
  return socketPath;
}

/** A daemon whose socket accepts connections and reads requests, but never answers (SIGSTOP). */
function hungDaemon(): Promise<string> {
  return serve(() => undefined);
}

/** Writes `chunk` for as long as the client reads, up to `limit`; `sent()` is what went out. */
function endless(res: ServerResponse, chunk: string | Buffer, limit = 200 * MiB): { sent: () => number } {
  let sent = 0;
  const pump = (): void => {
    while (sent < limit && !res.destroyed) {
      sent += Buffer.byteLength(chunk);
      if (!res.write(chunk)) return void res.once('drain', pump);
    }
    res.end();
  };
  pump();
  return { sent: () => sent };
}

function problemOf(err: unknown): HostApiError['problem'] {
  return (err as HostApiError).problem;
}

describe('a daemon that accepts and never answers', () => {
  it('fails /_ping with daemon-not-answering, naming the socket, the wait and the request', async () => {
    const sock = await hungDaemon();
    const api = gateway('hung-1', sock);
    const err = await api.ping().catch((e: unknown) => e);
    expect(problemOf(err)).toEqual({
      code: 'daemon-not-answering',
      message: `hung-1: Docker daemon at ${sock} not answering for 150 ms (GET /_ping unanswered) — dockerd may be hung or overloaded — check it on the host (systemctl status docker)`,
    });
  });

  it('gives dockerode’s calls the same deadline, not only our raw requests', async () => {
    const docker = await fake([(req) => req.url?.startsWith('/v1.41/containers/json') === true]);
    const api = gateway('hung-2', docker.socketPath);
    await api.ping();
    const err = await api.listContainers({ all: true }).catch((e: unknown) => e);
    expect(problemOf(err)).toMatchObject({
      code: 'daemon-not-answering',
      message: expect.stringContaining('(GET /containers/json unanswered)'),
    });
  });

  it('gives opening the event stream a deadline', async () => {
    const docker = await fake([(req) => req.url?.startsWith('/v1.41/events') === true]);
    const api = gateway('hung-3', docker.socketPath);
    const err = await api
      .events(
        {},
        () => undefined,
        () => undefined,
      )
      .catch((e: unknown) => e);
    expect(problemOf(err)).toMatchObject({
      code: 'daemon-not-answering',
      message: expect.stringContaining('GET /events unanswered'),
    });
  });

  it('lets an open event stream be silent for as long as it likes', async () => {
    const docker = await fake([
      (req, res) => {
        if (!req.url?.startsWith('/v1.41/events')) return false;
        res.setHeader('Content-Type', 'application/json');
        res.flushHeaders();
        return true;
      },
    ]);
    const api = gateway('quiet-1', docker.socketPath);
    let ended: unknown = 'not ended';
    const sub = await api.events(
      {},
      () => undefined,
      (err) => (ended = err),
    );
    await new Promise((r) => setTimeout(r, 4 * SHORT.readAnswerMs));
    expect(ended).toBe('not ended');
    sub.close();
  });

  it('fails an answer that stops mid-way', async () => {
    const docker = await fake([
      (req, res) => {
        if (!req.url?.startsWith('/v1.41/containers/json')) return false;
        res.setHeader('Content-Type', 'application/json');
        res.write('[{"Id":"abc",');
        return true;
      },
    ]);
    const api = gateway('stall-1', docker.socketPath);
    const err = await api.listContainers({ all: true }).catch((e: unknown) => e);
    expect(problemOf(err)).toMatchObject({
      code: 'daemon-not-answering',
      message: expect.stringContaining(
        'stopped answering mid-way (GET /containers/json incomplete after 300 ms)',
      ),
    });
  });

  it('costs the other hosts nothing: they answer while it hangs', async () => {
    const sock = await hungDaemon();
    const good = await fake([json('/v1.41/containers/json', fixture('containers-list.json'))]);
    const hung = gateway('hung-4', sock);
    const fine = gateway('fine-1', good.socketPath);
    let hungSettled = false;
    const pending = hung.ping().then(
      () => (hungSettled = true),
      () => (hungSettled = true),
    );
    expect(await fine.listContainers({ all: true })).toHaveLength(5);
    expect(hungSettled).toBe(false);
    await pending;
  });
});

describe('a daemon that sends without end', () => {
  it('cuts off a huge answer to a dockerode call at the cap: response-too-large, bounded cost', async () => {
    let stream: { sent: () => number } | undefined;
    const docker = await fake([
      (req, res) => {
        if (!req.url?.startsWith('/v1.41/containers/json')) return false;
        res.setHeader('Content-Type', 'application/json');
        stream = endless(res, Buffer.alloc(64 * 1024, 0x61));
        return true;
      },
    ]);
    const api = gateway('flood-1', docker.socketPath);
    const err = await api.listContainers({ all: true }).catch((e: unknown) => e);
    expect(problemOf(err)).toMatchObject({
      code: 'response-too-large',
      message: expect.stringContaining("flood-1: Docker's answer to GET /containers/json passed 262.14 kB"),
    });
    // 200 MB were on offer; what went out before the channel closed is the cap plus socket buffers.
    expect(stream?.sent() ?? 0).toBeLessThan(32 * MiB);
  });

  it('cuts off a huge answer to a raw request (/_ping) too', async () => {
    let stream: { sent: () => number } | undefined;
    const socketPath = await serve((_req, res) => {
      res.setHeader('Api-Version', '1.41');
      stream = endless(res, 'OK'.repeat(32 * 1024));
    });
    const err = await gateway('flood-2', socketPath)
      .ping()
      .catch((e: unknown) => e);
    expect(problemOf(err)).toMatchObject({ code: 'response-too-large' });
    expect(stream?.sent() ?? 0).toBeLessThan(32 * MiB);
  });

  it('ends an event stream whose one object never ends: response-too-large, bounded cost', async () => {
    let stream: { sent: () => number } | undefined;
    const docker = await fake([
      (req, res) => {
        if (!req.url?.startsWith('/v1.41/events')) return false;
        res.setHeader('Content-Type', 'application/json');
        res.write('{"Type":"container","Action":"');
        stream = endless(res, 'x'.repeat(64 * 1024));
        return true;
      },
    ]);
    const api = gateway('flood-3', docker.socketPath);
    const ended = new Promise<unknown>((resolve) => void api.events({}, () => undefined, resolve));
    expect(problemOf(await ended)).toMatchObject({
      code: 'response-too-large',
      message: expect.stringContaining('flood-3: one object on GET /events passed 1.05 MB without ending'),
    });
    expect(stream?.sent() ?? 0).toBeLessThan(32 * MiB);
  });
});
