import ssh2 from 'ssh2';
import { describe, expect, it } from 'vitest';
import { unlockSshKeys } from '../../../src/app/ssh-auth.js';
import type { FleetConfig } from '../../../src/config/index.js';
import { defaultSettings } from '../../../src/config/settings.js';
import type { SshHostSpec } from '../../../src/domain/host.js';
import { IdentityKeys } from '../../../src/ssh/identity-keys.js';

const locked = (p: string) =>
  Buffer.from(
    ssh2.utils.generateKeyPairSync('ed25519', { passphrase: p, cipher: 'aes256-ctr', rounds: 2 }).private,
  );
const files: Record<string, Buffer> = { '/k/web': locked('w'), '/k/gate': locked('g') };

const host = (name: string, over: Partial<SshHostSpec['ssh']> = {}): SshHostSpec => ({
  kind: 'ssh',
  name,
  ssh: { host: name, port: 22, user: 'ops', identityFiles: ['/k/web'], ...over },
  socket: '/var/run/docker.sock',
  knownHostsFile: '/k/kh',
  hostKeyPolicy: 'strict',
});

describe('unlockSshKeys', () => {
  it('asks once per encrypted key used by the fleet’s hosts and jump hosts, before connecting', async () => {
    const asked: string[] = [];
    const keys = new IdentityKeys({
      readFile: async (p) => files[p] ?? Promise.reject(Object.assign(new Error('x'), { code: 'ENOENT' })),
      passphrases: {
        unavailable: () => undefined,
        ask: async (f) => (asked.push(f), f === '/k/web' ? 'w' : 'g'),
      },
    });
    const gate = { host: 'gate', port: 22, user: 'j', identityFiles: ['/k/gate'] };
    const config: FleetConfig = {
      hosts: [host('a'), host('b', { jumpHosts: [gate] }), host('c', { jumpHosts: [gate] })],
      settings: defaultSettings('/home/ann'),
    };
    await unlockSshKeys(config, { keys });
    expect(asked.sort()).toEqual(['/k/gate', '/k/web']);
    expect((await keys.unlock('/k/web')).state).toBe('ready');
  });
});
