import { describe, expect, it } from 'vitest';
import { HostKeyChecker, judgeHostKey, type KnownHostsStore } from '../../../src/ssh/host-verifier.js';
import { parseKnownHosts } from '../../../src/ssh/known-hosts.js';
import { fakeKeyBlob } from './keys.js';

const ed = fakeKeyBlob('ssh-ed25519');
const edOther = fakeKeyBlob('ssh-ed25519');
const rsa = fakeKeyBlob('ssh-rsa');
const line = (host: string, blob: Buffer, type = 'ssh-ed25519'): string =>
  `${host} ${type} ${blob.toString('base64')}`;

function memoryStore(initial: string): KnownHostsStore & { text: string; appends: string[] } {
  const store = {
    text: initial,
    appends: [] as string[],
    read: async () => store.text,
    append: async (_file: string, l: string) => {
      store.appends.push(l);
      store.text += `${l}\n`;
    },
  };
  return store;
}

function verify(checker: HostKeyChecker, blob: Buffer): Promise<boolean> {
  return new Promise((resolve) => checker.verify(blob, resolve));
}

describe('judgeHostKey', () => {
  const entries = parseKnownHosts(
    ['# x', line('[h]:2222', ed), line('[h]:2222', rsa, 'ssh-rsa'), line('other', edOther)].join('\n'),
  );

  it('accepts a recorded key and tells which line', () => {
    expect(judgeHostKey(entries, 'h', 2222, ed)).toMatchObject({ kind: 'known', entry: { line: 2 } });
  });

  it('reports a changed key of a recorded type as a mismatch naming the stale line', () => {
    expect(judgeHostKey(entries, 'h', 2222, edOther)).toMatchObject({ kind: 'mismatch', entry: { line: 2 } });
  });

  it('treats hosts and ports without entries as unknown', () => {
    expect(judgeHostKey(entries, 'h', 22, ed)).toEqual({ kind: 'unknown', otherTypesKnown: [] });
    expect(judgeHostKey(entries, 'nobody', 2222, ed).kind).toBe('unknown');
  });

  it('treats a key of a type not recorded yet as unknown, like OpenSSH', () => {
    const onlyRsa = parseKnownHosts(line('[h]:2222', rsa, 'ssh-rsa'));
    expect(judgeHostKey(onlyRsa, 'h', 2222, ed)).toEqual({ kind: 'unknown', otherTypesKnown: ['ssh-rsa'] });
  });

  it('refuses @revoked keys and never matches @cert-authority lines', () => {
    const marked = parseKnownHosts(
      `@revoked * ssh-ed25519 ${ed.toString('base64')}\n@cert-authority h ssh-ed25519 ${edOther.toString('base64')}`,
    );
    expect(judgeHostKey(marked, 'h', 22, ed).kind).toBe('revoked');
    expect(judgeHostKey(marked, 'h', 22, edOther).kind).toBe('unknown');
  });
});

describe('HostKeyChecker', () => {
  const opts = { host: '10.0.0.7', port: 2222, knownHostsFile: '/k/known_hosts' };

  it('refuses an unknown key under strict policy and says how to add it', async () => {
    const store = memoryStore('');
    const checker = await HostKeyChecker.load({ ...opts, policy: 'strict', store });
    expect(await verify(checker, ed)).toBe(false);
    expect(checker.refusal?.code).toBe('host-key-unknown');
    expect(checker.refusal?.message).toContain('ssh-keyscan -p 2222 10.0.0.7 >> /k/known_hosts');
    expect(checker.refusal?.message).toContain('hostKeyPolicy: accept-new');
    expect(store.appends).toEqual([]);
  });

  it('records an unknown key under accept-new', async () => {
    const store = memoryStore('# mine\n');
    const checker = await HostKeyChecker.load({ ...opts, policy: 'accept-new', store });
    expect(await verify(checker, ed)).toBe(true);
    expect(store.appends).toEqual([`[10.0.0.7]:2222 ssh-ed25519 ${ed.toString('base64')}`]);
    const again = await HostKeyChecker.load({ ...opts, policy: 'strict', store });
    expect(await verify(again, ed)).toBe(true);
  });

  it('still refuses a changed key under accept-new, naming file and line', async () => {
    const store = memoryStore(`# a\n# b\n${line('[10.0.0.7]:2222', ed)}\n`);
    const checker = await HostKeyChecker.load({ ...opts, policy: 'accept-new', store });
    expect(await verify(checker, edOther)).toBe(false);
    expect(checker.refusal?.code).toBe('host-key-mismatch');
    expect(checker.refusal?.message).toContain('remove line 3 of /k/known_hosts if the host was rebuilt');
    expect(store.appends).toEqual([]);
  });

  it('offers the recorded key types first so the server presents a checkable key', async () => {
    const store = memoryStore(line('[10.0.0.7]:2222', rsa, 'ssh-rsa'));
    const checker = await HostKeyChecker.load({ ...opts, policy: 'strict', store });
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
    const checker = await HostKeyChecker.load({ ...opts, policy: 'accept-new', store });
    expect(await verify(checker, ed)).toBe(false);
    expect(checker.refusal?.message).toContain('EROFS');
  });
});
