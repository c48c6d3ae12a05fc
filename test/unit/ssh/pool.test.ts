import type { AuthHandlerMiddleware } from 'ssh2';
import { describe, expect, it } from 'vitest';
import { SshPool } from '../../../src/ssh/pool.js';
import { SshError } from '../../../src/ssh/errors.js';
import { endpoint, FakeClient, quietPoolOptions, refused, type ConnectBehaviour } from './fake-client.js';

async function waitUntil(predicate: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the condition');
    await new Promise((r) => setTimeout(r, 5));
  }
}

function poolWith(
  behaviours: Record<string, ConnectBehaviour[]>,
  extra: Partial<ConstructorParameters<typeof SshPool>[0]> = {},
) {
  const clients: FakeClient[] = [];
  let clock = 1_000;
  const pool = new SshPool({
    ...quietPoolOptions,
    backoff: { initialMs: 1000, maxMs: 8000, factor: 2, random: () => 0.999 },
    now: () => clock,
    clientFactory: () => {
      // The pool connects hosts in get() order; the next behaviour of the host asked for is used.
      const host = pending.shift() ?? '';
      const b = behaviours[host]?.shift() ?? 'ready';
      const c = new FakeClient(b);
      clients.push(c);
      return c;
    },
    ...extra,
  });
  const pending: string[] = [];
  const get = (host: string) => {
    pending.push(host);
    return pool.get(endpoint(host));
  };
  return { pool, clients, get, advance: (ms: number) => (clock += ms) };
}

describe('SshPool', () => {
  it('makes one connection per host and reuses it', async () => {
    const { pool, get } = poolWith({});
    const [a, b, c] = await Promise.all([get('web-1'), get('web-1'), get('web-1')]);
    expect(a).toBe(b);
    expect(b).toBe(c);
    expect(await get('web-1')).toBe(a);
    expect(pool.connectionsMade).toBe(1);
    expect(pool.connectAttempts).toBe(1);
    await get('web-2');
    expect(pool.connectionsMade).toBe(2);
  });

  it('passes keepalive, the dialled socket and auth to ssh2', async () => {
    const { clients, get } = poolWith({}, { keepaliveIntervalMs: 5000, keepaliveCountMax: 2 });
    await get('web-1');
    const config = clients[0]?.config;
    expect(config).toMatchObject({
      host: 'web-1',
      port: 22,
      username: 'ops',
      keepaliveInterval: 5000,
      keepaliveCountMax: 2,
    });
    expect(config?.sock).toBeDefined();
    expect(typeof config?.hostVerifier).toBe('function');
    const offered: unknown[] = [];
    (config?.authHandler as AuthHandlerMiddleware)([], false, (m) => offered.push(m));
    expect(offered).toEqual([{ type: 'agent', username: 'ops', agent: '/fake/agent.sock' }]);
  });

  it('gives up on a handshake at the deadline, saying how far it got', async () => {
    const { get } = poolWith({ 'web-1': ['hang'] }, { readyTimeoutMs: 30 });
    await expect(get('web-1')).rejects.toMatchObject({
      code: 'timeout',
      message: expect.stringContaining(
        'ssh connection to ops@web-1:22 timed out after 0 s: TCP connected, but no SSH handshake',
      ),
    });
  });

  it('a server’s own ConnectTimeout wins over the pool default', async () => {
    // Called without the helper's get(): the factory sees no host name, hence the '' key.
    const { pool } = poolWith({ '': ['hang'] }, { readyTimeoutMs: 60_000 });
    const started = pool.connectAttempts;
    await expect(pool.get(endpoint('web-1', { connectTimeoutMs: 20 }))).rejects.toMatchObject({
      code: 'timeout',
    });
    expect(pool.connectAttempts).toBe(started + 1);
  });

  it('rejects fast with the last problem during the backoff window, then retries', async () => {
    const { pool, get, advance } = poolWith({ 'web-1': [refused(), refused(), 'ready'] });
    const first = await get('web-1').catch((e: unknown) => e);
    expect(first).toBeInstanceOf(SshError);
    expect((first as SshError).code).toBe('connection-refused');
    expect((first as SshError).message).toContain('ops@web-1:22');

    // Inside the window: same error, no new attempt.
    advance(500);
    await expect(get('web-1')).rejects.toBe(first);
    expect(pool.connectAttempts).toBe(1);
    expect(pool.problemOf(endpoint('web-1'))).toBe(first);

    advance(600); // past ~1 s
    await expect(get('web-1')).rejects.toMatchObject({ code: 'connection-refused' });
    expect(pool.connectAttempts).toBe(2);

    advance(1500); // the second window is ~2 s
    await expect(get('web-1')).rejects.toMatchObject({ code: 'connection-refused' });
    expect(pool.connectAttempts).toBe(2);

    advance(600);
    await expect(get('web-1')).resolves.toBeDefined();
    expect(pool.connectionsMade).toBe(1);
    expect(pool.problemOf(endpoint('web-1'))).toBeUndefined();
  });

  it('reports a lost connection and reconnects on the next request', async () => {
    const { pool, clients, get } = poolWith({});
    const losses: string[] = [];
    pool.onConnectionLost((l) => losses.push(`${l.key} ${l.error.code}`));
    const first = await get('web-1');
    clients[0]?.drop();
    expect(first.closed).toBe(true);
    expect(losses).toEqual([expect.stringMatching(/^ops@web-1:22 #[0-9a-f]+ disconnected$/)]);
    const second = await get('web-1');
    expect(second).not.toBe(first);
    expect(pool.connectionsMade).toBe(2);
  });

  it('bounds concurrent handshakes, and a hanging host does not hold up the others', async () => {
    const { pool, get } = poolWith({ dead: ['hang'] }, { maxConcurrentStarts: 2 });
    void get('dead').catch(() => undefined);
    // One slot is stuck on the dead host; the others still connect, one at a time.
    const others = await Promise.all([get('a'), get('b'), get('c')]);
    expect(others).toHaveLength(3);
    expect(pool.connectionsMade).toBe(3);
    await pool.close();
  });

  it('warms a connection’s pty up at once, but not in the middle of a burst of handshakes', async () => {
    const hanging = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`h${i}`, ['hang' as const]]));
    const { pool, clients, get } = poolWith(hanging, { warmUpPty: true, maxConcurrentStarts: 64 });
    await get('alone');
    expect(clients[0]?.execs).toEqual(['true']);
    for (let i = 0; i < 20; i++) void get(`h${i}`).catch(() => undefined);
    await get('in-burst');
    const inBurst = clients[clients.length - 1];
    await new Promise((r) => setImmediate(r));
    expect(inBurst?.execs).toEqual([]);
    await pool.close();
  });

  it('queues handshakes beyond the bound', async () => {
    const { pool, get } = poolWith({ dead: ['hang'] }, { maxConcurrentStarts: 1 });
    void get('dead').catch(() => undefined);
    let connected = false;
    void get('a').then(() => (connected = true));
    await new Promise((r) => setImmediate(r));
    expect(pool.connectAttempts).toBe(1);
    expect(connected).toBe(false);
    await pool.close();
  });

  it('says when a host’s handshake got its slot, at once when it is connected', async () => {
    const { pool, get } = poolWith({ slow: ['hang'] }, { maxConcurrentStarts: 1, readyTimeoutMs: 30 });
    void get('slow').catch(() => undefined);
    let started = false;
    void pool.handshakeStarted(endpoint('a')).then(() => (started = true));
    await new Promise((r) => setImmediate(r));
    expect(started).toBe(false); // 'slow' holds the only slot
    expect(pool.startLimit).toMatchObject({ limit: 1, inFlight: 1, queued: 1 });
    // 'slow' times out (its own 30 ms deadline), 'a' takes the slot.
    await waitUntil(() => started);
    await get('a');
    await pool.handshakeStarted(endpoint('a')); // connected: resolves at once
    await pool.close();
  });

  it('adapts the handshake bound when none is configured', async () => {
    const { pool, get } = poolWith({}, { startLimit: { initial: 8, max: 64 } });
    expect(pool.startLimit.limit).toBe(8);
    await Promise.all([get('a'), get('b'), get('c')]);
    expect(pool.startLimit.limit).toBe(11);
    await pool.close();
  });

  it('closes the connection when the last user releases it', async () => {
    const { pool, clients, get } = poolWith({});
    const losses: unknown[] = [];
    pool.onConnectionLost((l) => losses.push(l));
    const releaseA = pool.retain(endpoint('web-1'));
    const releaseB = pool.retain(endpoint('web-1'));
    await get('web-1');
    releaseA();
    expect(clients[0]?.ended).toBe(false);
    releaseB();
    expect(clients[0]?.ended).toBe(true);
    await new Promise((r) => setImmediate(r));
    expect(losses).toEqual([]); // closing on purpose is not a loss
  });

  it('maps a refused host key to the checker’s reason, not ssh2’s "Host denied"', async () => {
    const denied = Object.assign(new Error('Host denied (verification failed)'), { level: 'handshake' });
    const client = new FakeClient(denied);
    const p2 = new SshPool({
      ...quietPoolOptions,
      clientFactory: () => {
        // Let the real verifier run on an unknown key first, as ssh2 does.
        const origConnect = client.connect.bind(client);
        client.connect = (config) => {
          const verifier = config.hostVerifier as (k: Buffer, cb: (ok: boolean) => void) => void;
          verifier(
            Buffer.from('AAAAC3NzaC1lZDI1NTE5AAAAIHUoSh6Fh1+dl6gZ89f7PKYyQjIf3IJjbgD6tEmjLVpn', 'base64'),
            () => origConnect(config),
          );
          return client;
        };
        return client;
      },
    });
    await expect(p2.get(endpoint('web-1'))).rejects.toMatchObject({ code: 'host-key-unknown' });
  });
});
