import { PassThrough } from 'node:stream';
import ssh2 from 'ssh2';
import { describe, expect, it } from 'vitest';
import { connectEndpoint, type ConnectOptions, type ConnectStep } from '../../../src/ssh/connect.js';
import { parseProxyJump, type SshEndpoint } from '../../../src/ssh/endpoint.js';
import { SshPool } from '../../../src/ssh/pool.js';
import { endpoint, fakeDial, FakeClient, quietPoolOptions, type ConnectBehaviour } from './fake-client.js';

/** Clients handed out in order: hop 1, hop 2, …, target. */
function clientsFor(behaviours: ConnectBehaviour[]) {
  const clients: FakeClient[] = [];
  const factory = () => {
    const c = new FakeClient(behaviours[clients.length] ?? 'ready');
    clients.push(c);
    return c;
  };
  return { clients, factory };
}

function options(factory: () => FakeClient, extra: Partial<ConnectOptions> = {}): ConnectOptions {
  return {
    clientFactory: factory,
    readyTimeoutMs: 5_000,
    keepaliveIntervalMs: 15_000,
    keepaliveCountMax: 3,
    authSources: quietPoolOptions.authSources,
    knownHostsStore: quietPoolOptions.knownHostsStore,
    warmUpPty: false,
    dial: fakeDial,
    ...extra,
  };
}

const target = endpoint('10.0.0.9', { port: 2222 });
const jumped = (hops: string, extra: Partial<SshEndpoint> = {}): SshEndpoint => ({
  ...target,
  route: { kind: 'jump', hops: parseProxyJump(hops, target) },
  ...extra,
});

describe('connectEndpoint through ProxyJump hops', () => {
  it('reaches each hop through the one before it, and the target through the last', async () => {
    const { clients, factory } = clientsFor([]);
    const steps: ConnectStep[] = [];
    const conn = await connectEndpoint(
      jumped('a,b:2200'),
      options(factory, { onStep: (s) => steps.push(s) }),
    );
    expect(clients).toHaveLength(3);
    expect(clients[0]?.forwards).toEqual(['b:2200']);
    expect(clients[1]?.forwards).toEqual(['10.0.0.9:2222']);
    expect(clients.map((c) => c.config?.username)).toEqual(['ops', 'ops', 'ops']);
    // Only the first hop is dialled; the others ride on channels.
    expect(steps.filter((s) => s.step === 'tcp').map((s) => s.server)).toEqual(['ops@a:22']);
    expect(steps.filter((s) => s.step === 'forward').map((s) => [s.server, s.detail])).toEqual([
      ['ops@b:2200', 'channel through ops@a:22'],
      ['ops@10.0.0.9:2222', 'channel through ops@b:2200'],
    ]);
    expect(conn.label).toBe('ops@10.0.0.9:2222');
  });

  it('gives every hop its own deadline, and names the hop that did not answer', async () => {
    const { clients, factory } = clientsFor(['ready', 'hang']);
    const hops = parseProxyJump('a,b', target).map((h, i) => (i === 1 ? { ...h, connectTimeoutMs: 30 } : h));
    const err = await connectEndpoint({ ...target, route: { kind: 'jump', hops } }, options(factory)).catch(
      (e: unknown) => e,
    );
    expect(err).toMatchObject({
      code: 'timeout',
      message: expect.stringMatching(
        /^via jump host ops@b:22 to ops@10\.0\.0\.9:2222: ssh connection to ops@b:22 timed out/,
      ),
    });
    // What was connected is closed again.
    expect(clients[0]?.ended).toBe(true);
    expect(clients[1]?.ended).toBe(true);
  });

  it('reports a jump host that cannot reach the next one', async () => {
    const { clients, factory } = clientsFor([]);
    const first = new FakeClient('ready');
    first.onForward = (_h, _p, cb) =>
      cb(new Error('(SSH) Channel open failure: administratively prohibited'), undefined as never);
    const err = await connectEndpoint(
      jumped('a'),
      options(() => (clients.length === 0 ? (clients.push(first), first) : factory())),
    ).catch((e: unknown) => e);
    expect(err).toMatchObject({
      code: 'connection-refused',
      message: expect.stringContaining(
        'jump host ops@a:22 could not reach 10.0.0.9:2222: (SSH) Channel open failure: administratively prohibited — is AllowTcpForwarding on there',
      ),
    });
    expect(first.ended).toBe(true);
  });

  it('closing the connection ends every hop, and a dead hop ends the connection', async () => {
    const { clients, factory } = clientsFor([]);
    const conn = await connectEndpoint(jumped('a,b'), options(factory));
    conn.close();
    await new Promise((r) => setImmediate(r));
    expect(clients.map((c) => c.ended)).toEqual([true, true, true]);

    const second = clientsFor([]);
    const conn2 = await connectEndpoint(jumped('a,b'), options(second.factory));
    second.clients[0]?.drop();
    second.clients[1]?.emit('close');
    expect(conn2.closed).toBe(true);
  });

  it('checks each hop’s host key against that hop’s own known_hosts settings', async () => {
    const read: string[] = [];
    const { factory } = clientsFor([]);
    const hop = {
      ...parseProxyJump('a', target)[0]!,
      hostKeys: {
        userKnownHostsFiles: ['/hop/kh'],
        globalKnownHostsFiles: ['/etc/g'],
        policy: 'strict' as const,
      },
    };
    await connectEndpoint(
      { ...target, route: { kind: 'jump', hops: [hop] } },
      options(factory, {
        knownHostsStore: { read: async (f) => (read.push(f), ''), append: async () => true },
      }),
    );
    expect(read).toEqual(['/hop/kh', '/etc/g', '/k/known_hosts']);
  });
});

describe('connectEndpoint through a ProxyCommand', () => {
  it('runs the command with tokens expanded and speaks SSH over its stdio', async () => {
    const { clients, factory } = clientsFor([]);
    const started: string[] = [];
    const stream = new PassThrough();
    const conn = await connectEndpoint(
      { ...target, alias: 'web-9', route: { kind: 'command', command: 'ssh -W %h:%p gate # %r %n' } },
      options(factory, { spawnProxy: (c) => (started.push(c), stream) }),
    );
    expect(started).toEqual(['ssh -W 10.0.0.9:2222 gate # ops web-9']);
    expect(clients[0]?.config?.sock).toBe(stream);
    conn.close();
    clients[0]?.emit('close');
    expect(stream.destroyed).toBe(true);
  });
});

describe('no key at all', () => {
  it('says so briefly when only OpenSSH’s default key names were looked for', async () => {
    const { factory } = clientsFor([]);
    const err = await connectEndpoint(
      { ...target, identityFiles: ['/nope/id_rsa', '/nope/id_ed25519'], defaultIdentityFiles: true },
      options(factory, {
        authSources: {
          readFile: async () => Promise.reject(Object.assign(new Error('x'), { code: 'ENOENT' })),
        },
      }),
    ).catch((e: Error) => e);
    expect((err as Error).message).toBe(
      'no SSH key to log in to ops@10.0.0.9:2222: no key in ~/.ssh (id_ed25519, id_rsa, …), no ssh-agent (SSH_AUTH_SOCK unset) — set identityFile for this host or start ssh-agent',
    );
  });
});

describe('SshPool keys connections by what authenticates them', () => {
  it('two fleet entries for one address with different keys get two connections, each its own key', async () => {
    const clients: FakeClient[] = [];
    const files: Record<string, Buffer> = {
      '/k/a': Buffer.from(ssh2.utils.generateKeyPairSync('ed25519').private),
      '/k/b': Buffer.from(ssh2.utils.generateKeyPairSync('ed25519').private),
    };
    const pool = new SshPool({
      ...quietPoolOptions,
      authSources: { readFile: async (p) => files[p]! },
      clientFactory: () => {
        const c = new FakeClient('ready');
        clients.push(c);
        return c;
      },
    });
    const a = await pool.get(endpoint('10.0.0.5', { identityFiles: ['/k/a'] }));
    const b = await pool.get(endpoint('10.0.0.5', { identityFiles: ['/k/b'] }));
    expect(a).not.toBe(b);
    expect(pool.connectionsMade).toBe(2);
    const keysOffered = clients.map((c) => {
      const given: unknown[] = [];
      (c.config?.authHandler as (l: unknown, p: boolean, n: (m: unknown) => void) => void)([], false, (m) =>
        given.push(m),
      );
      return (given[0] as { key: Buffer }).key;
    });
    expect(keysOffered).toEqual([files['/k/a'], files['/k/b']]);
    // The same entry again shares its connection.
    expect(await pool.get(endpoint('10.0.0.5', { identityFiles: ['/k/a'] }))).toBe(a);
    await pool.close();
  });
});
