import { describe, expect, it } from 'vitest';
import type { HostKeyOptions } from '../../../src/ssh/endpoint.js';
import { HostKeyChecker, judgeHostKey, type KnownHostsStore } from '../../../src/ssh/host-verifier.js';
import { hashKnownHostName, hostFieldMatches, parseKnownHosts } from '../../../src/ssh/known-hosts.js';
import { fixtureBlob, IN_2030 } from './cert-fixtures.js';
import { fakeKeyBlob } from './keys.js';

const ed = fakeKeyBlob('ssh-ed25519');
const edOther = fakeKeyBlob('ssh-ed25519');
const rsa = fakeKeyBlob('ssh-rsa');
const line = (host: string, blob: Buffer, type = 'ssh-ed25519'): string =>
  `${host} ${type} ${blob.toString('base64')}`;
const judge = { principal: 'h', nowMs: IN_2030 };

/** known_hosts files in memory; `append` honours `present` like the file store. */
function memoryStore(
  files: Record<string, string>,
): KnownHostsStore & { files: Record<string, string>; appends: string[] } {
  const store = {
    files,
    appends: [] as string[],
    read: async (file: string) => store.files[file] ?? '',
    append: async (file: string, l: string, present: (text: string) => boolean) => {
      if (present(store.files[file] ?? '')) return false;
      store.appends.push(l);
      store.files[file] = `${store.files[file] ?? ''}${l}\n`;
      return true;
    },
  };
  return store;
}

function verify(checker: HostKeyChecker, blob: Buffer): Promise<boolean> {
  return new Promise((resolve) => checker.verify(blob, resolve));
}

const keys = (over: Partial<HostKeyOptions> = {}): HostKeyOptions => ({
  userKnownHostsFiles: ['/k/known_hosts'],
  globalKnownHostsFiles: [],
  policy: 'strict',
  ...over,
});

function load(store: KnownHostsStore, over: Partial<HostKeyOptions> = {}, host = '10.0.0.7', port = 2222) {
  return HostKeyChecker.load({ host, port, hostKeys: keys(over), store, clock: { now: () => IN_2030 } });
}

describe('judgeHostKey', () => {
  const entries = parseKnownHosts(
    ['# x', line('[h]:2222', ed), line('[h]:2222', rsa, 'ssh-rsa'), line('other', edOther)].join('\n'),
    '/k/kh',
  );

  it('accepts a recorded key and tells which file and line', () => {
    expect(judgeHostKey(entries, '[h]:2222', ed, judge)).toMatchObject({
      kind: 'known',
      entry: { file: '/k/kh', line: 2 },
    });
  });

  it('reports a changed key of a recorded type as a mismatch naming the stale line', () => {
    expect(judgeHostKey(entries, '[h]:2222', edOther, judge)).toMatchObject({
      kind: 'mismatch',
      entry: { line: 2 },
    });
  });

  it('treats names without entries, and key types not recorded yet, as unknown (like OpenSSH)', () => {
    expect(judgeHostKey(entries, 'h', ed, judge)).toMatchObject({ kind: 'unknown', otherTypesKnown: [] });
    const onlyRsa = parseKnownHosts(line('[h]:2222', rsa, 'ssh-rsa'));
    expect(judgeHostKey(onlyRsa, '[h]:2222', ed, judge)).toMatchObject({
      kind: 'unknown',
      otherTypesKnown: ['ssh-rsa'],
    });
  });

  it('refuses @revoked keys; a plain key never matches a @cert-authority line', () => {
    const marked = parseKnownHosts(
      `@revoked * ssh-ed25519 ${ed.toString('base64')}\n@cert-authority h ssh-ed25519 ${edOther.toString('base64')}`,
    );
    expect(judgeHostKey(marked, 'h', ed, judge).kind).toBe('revoked');
    expect(judgeHostKey(marked, 'h', edOther, judge)).toMatchObject({
      kind: 'unknown',
      authorities: [{ line: 2 }],
    });
  });
});

describe('judgeHostKey with host certificates (@cert-authority)', () => {
  const cert = fixtureBlob('host-ed25519-by-ed25519-ca-cert.pub');
  const ca = fixtureBlob('ca_ed25519.pub');
  const trusted = parseKnownHosts(
    `@cert-authority *.example,[*.example]:* ssh-ed25519 ${ca.toString('base64')}`,
  );
  const forHost = { principal: 'web-1.example', nowMs: IN_2030 };

  it('accepts a certificate signed by a CA trusted for the name', () => {
    expect(judgeHostKey(trusted, 'web-1.example', cert, forHost)).toMatchObject({
      kind: 'certified',
      entry: { line: 1 },
    });
    expect(judgeHostKey(trusted, '[web-1.example]:2222', cert, forHost).kind).toBe('certified');
  });

  it('refuses an expired certificate or one for another name, naming the CA line', () => {
    const expired = fixtureBlob('host-ed25519-expired-cert.pub');
    expect(judgeHostKey(trusted, 'web-1.example', expired, forHost)).toMatchObject({
      kind: 'bad-certificate',
      reason: expect.stringMatching(/^it expired/),
    });
    expect(
      judgeHostKey(trusted, 'db.example', cert, { principal: 'db.example', nowMs: IN_2030 }),
    ).toMatchObject({
      kind: 'bad-certificate',
      reason: 'it names web-1.example, 10.0.0.7, not db.example',
    });
  });

  it('refuses a certificate whose CA or key is @revoked', () => {
    const revokedCa = parseKnownHosts(
      `@cert-authority *.example ssh-ed25519 ${ca.toString('base64')}\n@revoked * ssh-ed25519 ${ca.toString('base64')}`,
    );
    expect(judgeHostKey(revokedCa, 'web-1.example', cert, forHost)).toMatchObject({
      kind: 'revoked',
      entry: { line: 2 },
    });
  });

  it('judges a certificate from an untrusted CA by its plain key, as OpenSSH does', () => {
    const plain = parseKnownHosts(line('web-1.example', fixtureBlob('host_ed25519.pub')));
    expect(judgeHostKey(plain, 'web-1.example', cert, forHost).kind).toBe('known');
    expect(judgeHostKey([], 'web-1.example', cert, forHost).kind).toBe('unknown');
  });
});

describe('HostKeyChecker', () => {
  it('refuses an unknown key under strict policy and says how to add it', async () => {
    const store = memoryStore({});
    const checker = await load(store, { globalKnownHostsFiles: ['/etc/ssh/ssh_known_hosts'] });
    expect(await verify(checker, ed)).toBe(false);
    expect(checker.refusal?.code).toBe('host-key-unknown');
    expect(checker.refusal?.message).toContain('is not in /k/known_hosts, /etc/ssh/ssh_known_hosts');
    expect(checker.refusal?.message).toContain('ssh-keyscan -p 2222 10.0.0.7 >> /k/known_hosts');
    expect(checker.refusal?.message).toContain('hostKeyPolicy: accept-new');
    expect(store.appends).toEqual([]);
  });

  it('reads every user file and the global files', async () => {
    const store = memoryStore({
      '/k/first': '# nothing here\n',
      '/etc/ssh/ssh_known_hosts': `# global\n${line('[10.0.0.7]:2222', ed)}\n`,
    });
    const checker = await load(store, {
      userKnownHostsFiles: ['/k/first', '/k/missing'],
      globalKnownHostsFiles: ['/etc/ssh/ssh_known_hosts'],
    });
    expect(await verify(checker, ed)).toBe(true);
    expect(checker.outcome).toBe('known: line 2 of /etc/ssh/ssh_known_hosts');
  });

  it('records an unknown key under accept-new in the first user file, once', async () => {
    const store = memoryStore({ '/k/known_hosts': '# mine\n' });
    const checker = await load(store, {
      policy: 'accept-new',
      userKnownHostsFiles: ['/k/known_hosts', '/k/other'],
    });
    expect(await verify(checker, ed)).toBe(true);
    expect(store.appends).toEqual([`[10.0.0.7]:2222 ssh-ed25519 ${ed.toString('base64')}`]);
    expect(checker.outcome).toBe('new: recorded in /k/known_hosts (accept-new)');
    // A second checker loaded before the first wrote (two hosts connecting at once) does not add it again.
    const racing = memoryStore({ '/k/known_hosts': store.files['/k/known_hosts'] ?? '' });
    const late = await HostKeyChecker.load({
      host: '10.0.0.7',
      port: 2222,
      hostKeys: keys({ policy: 'accept-new' }),
      store: { ...racing, read: async () => '# mine\n' },
    });
    expect(await verify(late, ed)).toBe(true);
    expect(racing.appends).toEqual([]);
  });

  it('writes hashed names when HashKnownHosts is on', async () => {
    const store = memoryStore({});
    const checker = await load(store, { policy: 'accept-new', hashKnownHosts: true });
    expect(await verify(checker, ed)).toBe(true);
    const field = store.appends[0]?.split(' ')[0] ?? '';
    expect(field.startsWith('|1|')).toBe(true);
    expect(hostFieldMatches(field, '[10.0.0.7]:2222')).toBe(true);
    expect(await verify(await load(store), ed)).toBe(true);
  });

  it('still refuses a changed key under accept-new and off, naming file and line', async () => {
    for (const policy of ['accept-new', 'off'] as const) {
      const store = memoryStore({ '/k/known_hosts': `# a\n# b\n${line('[10.0.0.7]:2222', ed)}\n` });
      const checker = await load(store, { policy });
      expect(await verify(checker, edOther)).toBe(false);
      expect(checker.refusal?.code).toBe('host-key-mismatch');
      expect(checker.refusal?.message).toContain('remove line 3 of /k/known_hosts if the host was rebuilt');
      expect(store.appends).toEqual([]);
    }
  });

  it('with policy off records a new key and warns', async () => {
    const store = memoryStore({});
    const checker = await load(store, { policy: 'off' });
    expect(await verify(checker, ed)).toBe(true);
    expect(store.appends).toHaveLength(1);
    expect(checker.warning).toMatch(/host key checking is off for 10\.0\.0\.7:2222/);
  });

  it('looks keys up (and records them) under the HostKeyAlias', async () => {
    const store = memoryStore({ '/k/known_hosts': `${line('web-1-alias', ed)}\n` });
    expect(await verify(await load(store, { hostKeyAlias: 'web-1-alias' }), ed)).toBe(true);
    const strict = await load(memoryStore({}), { hostKeyAlias: 'web-1-alias' });
    expect(await verify(strict, ed)).toBe(false);
    expect(strict.refusal?.message).toContain(`sed 's/^[^ ]*/web-1-alias/'`);
    const fresh = memoryStore({});
    expect(await verify(await load(fresh, { hostKeyAlias: 'web-1-alias', policy: 'accept-new' }), ed)).toBe(
      true,
    );
    expect(fresh.appends[0]).toMatch(/^web-1-alias ssh-ed25519 /);
  });

  describe('CheckHostIP', () => {
    const atHost = async (store: KnownHostsStore, policy: HostKeyOptions['policy'] = 'strict') => {
      const checker = await load(store, { checkHostIp: true, policy }, 'web-1.example', 22);
      checker.address = '192.0.2.7';
      return checker;
    };

    it('refuses when the address carries another key (DNS spoofing), unless checking is off', async () => {
      const files = { '/k/known_hosts': `${line('web-1.example', ed)}\n${line('192.0.2.7', edOther)}\n` };
      const checker = await atHost(memoryStore({ ...files }));
      expect(await verify(checker, ed)).toBe(false);
      expect(checker.refusal?.message).toContain(
        'differs from the key recorded for its address 192.0.2.7 on line 2',
      );
      expect(await verify(await atHost(memoryStore({ ...files }), 'off'), ed)).toBe(true);
    });

    it('records the address beside the name when the policy may write', async () => {
      const store = memoryStore({ '/k/known_hosts': `${line('web-1.example', ed)}\n` });
      expect(await verify(await atHost(store, 'accept-new'), ed)).toBe(true);
      expect(store.appends).toEqual([line('192.0.2.7', ed)]);
      const strictStore = memoryStore({ '/k/known_hosts': `${line('web-1.example', ed)}\n` });
      expect(await verify(await atHost(strictStore), ed)).toBe(true);
      expect(strictStore.appends).toEqual([]);
    });
  });

  it('explains a host trusted only through a CA: ssh2 cannot ask for the certificate', async () => {
    const store = memoryStore({
      '/k/known_hosts': `@cert-authority [10.0.0.7]:* ssh-ed25519 ${edOther.toString('base64')}\n`,
    });
    const checker = await load(store);
    expect(await verify(checker, ed)).toBe(false);
    expect(checker.refusal?.message).toContain(
      'line 1 of /k/known_hosts trusts a certificate authority for it',
    );
    expect(checker.refusal?.message).toContain('cannot ask a server for its host certificate');
  });

  it('offers the recorded key types first so the server presents a checkable key', async () => {
    const store = memoryStore({
      '/k/known_hosts': line(hashKnownHostName('[10.0.0.7]:2222', Buffer.alloc(20, 1)), rsa, 'ssh-rsa'),
    });
    const checker = await load(store);
    expect(checker.preferredAlgorithms().slice(0, 4)).toEqual([
      'rsa-sha2-512',
      'rsa-sha2-256',
      'ssh-rsa',
      'ssh-ed25519',
    ]);
  });

  it('refuses when the file cannot be written, with the reason', async () => {
    const store: KnownHostsStore = {
      read: async () => '',
      append: async () => {
        throw new Error('EROFS');
      },
    };
    const checker = await load(store, { policy: 'accept-new' });
    expect(await verify(checker, ed)).toBe(false);
    expect(checker.refusal?.message).toContain('EROFS');
  });
});
