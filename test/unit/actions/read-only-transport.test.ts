import { createServer, type Server } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalGateway } from '../../../src/docker/gateway.js';
import { hostMutations } from '../../../src/docker/mutations/index.js';
import { ReadOnlyRefusal } from '../../../src/docker/read-only.js';

/** A stand-in Docker daemon on a unix socket that records every request it receives. */
let server: Server;
let socketPath: string;
const received: string[] = [];

beforeAll(async () => {
  socketPath = join(mkdtempSync(join(tmpdir(), 'fd-ro-')), 'docker.sock');
  server = createServer((req, res) => {
    received.push(`${req.method} ${req.url?.replace(/^\/v[\d.]+/, '')}`);
    res.setHeader('Api-Version', '1.41');
    res.setHeader('Content-Type', req.url?.endsWith('/_ping') ? 'text/plain' : 'application/json');
    if (req.url?.endsWith('/_ping')) return res.end('OK');
    if (req.url?.includes('/containers/json')) return res.end('[]');
    res.end('{}');
  });
  await new Promise<void>((r) => server.listen(socketPath, r));
});

afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('read-only transport', () => {
  it('refuses every non-GET request before it leaves the process; GETs still go', async () => {
    const api = createLocalGateway({ kind: 'local', name: 'lab-0', socketPath }, { readOnly: true });
    const m = hostMutations(api);
    received.length = 0;
    await m.list(true);
    const attempts: Array<[string, () => Promise<unknown>]> = [
      ['restart', () => m.restart('web-1')],
      ['kill', () => m.kill('web-1', 'SIGHUP')],
      ['stop', () => m.stop('web-1', 3)],
      ['start', () => m.start('web-1')],
      ['rename', () => m.rename('web-1', 'x')],
      ['remove', () => m.remove('web-1', { force: true })],
      ['pause', () => m.pause('web-1')],
      ['commit', () => m.commit('web-1', { repo: 'r', tag: 't', labels: {}, comment: '', pause: true })],
      ['createHelper', () => m.createHelper('h', 'tiny:latest')],
      ['createLock', () => m.createLock('fleetdeck-lock-web', 'tiny:latest', {})],
      ['removeImage', () => m.removeImage('tiny:v2')],
      ['loadImage', () => m.loadImage(Readable.from([Buffer.from('x')]))],
      ['putArchive', () => m.putArchive('web-1', '/', Readable.from([Buffer.from('x')]))],
      ['raw request', () => api.request('POST', '/containers/web-1/restart')],
      ['raw DELETE', () => api.request('DELETE', '/containers/web-1')],
    ];
    for (const [what, attempt] of attempts) {
      const err = await attempt().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err, what).toBeInstanceOf(Error);
      expect(String((err as Error).message), what).toMatch(
        /read-only mode: refused (POST|DELETE|PUT) .* on lab-0/,
      );
    }
    expect(received.every((r) => r.startsWith('GET ') || r.startsWith('HEAD '))).toBe(true);
    expect(received).toContain('GET /containers/json?all=true');
    await api.close();
  });

  it('the same gateway built writable does send them (the refusal is the read-only mode, not the server)', async () => {
    const api = createLocalGateway({ kind: 'local', name: 'lab-0', socketPath }, { readOnly: false });
    received.length = 0;
    await hostMutations(api).kill('web-1', 'SIGHUP');
    expect(received).toContain('POST /containers/web-1/kill?signal=SIGHUP');
    await api.close();
  });

  it('ReadOnlyRefusal names the host, the request and what to do', () => {
    expect(new ReadOnlyRefusal('lab-0', 'post', '/containers/x/stop').message).toBe(
      'read-only mode: refused POST /containers/x/stop on lab-0 — start fleetdeck without read-only to allow changes',
    );
  });
});
