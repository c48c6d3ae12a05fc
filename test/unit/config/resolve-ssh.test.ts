import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SshConfigResolver } from '../../../src/config/ssh/resolve-ssh.js';
import { parseSshGOutput } from '../../../src/config/ssh/ssh-options.js';
import { fakeSshG, noSshBinary, type SshGCall } from './fake-ssh.js';

const homedir = '/home/ann';

describe('parseSshGOutput', () => {
  it('keeps every identityfile line in order', () => {
    const options = parseSshGOutput(
      'user root\nhostname h\nport 22\nidentityfile ~/.ssh/a\nidentityfile ~/.ssh/b\n',
    );
    expect(options.get('identityfile')).toEqual(['~/.ssh/a', '~/.ssh/b']);
    expect(options.get('hostname')).toEqual(['h']);
  });
});

describe('SshConfigResolver with ssh -G', () => {
  it('resolves an alias (HostName, User, Port, IdentityFile, ProxyJump)', async () => {
    const runner = fakeSshG({
      prod: {
        hostname: '10.1.2.3',
        user: 'ops',
        port: '2200',
        identityfile: ['~/.ssh/prod', '%d/.ssh/%r@%h'],
        proxyjump: 'gate,other',
      },
      gate: { hostname: 'gate.example', user: 'jumper', port: '2022' },
    });
    const resolver = new SshConfigResolver({ runner, homedir, username: 'ann' });
    expect(await resolver.resolve({ host: 'prod' })).toEqual({
      host: '10.1.2.3',
      port: 2200,
      user: 'ops',
      identityFiles: ['/home/ann/.ssh/prod', '/home/ann/.ssh/ops@10.1.2.3'],
      proxyJump: 'jumper@gate.example:2022',
    });
  });

  it('passes fleet-file user and port as -l / -p so they win', async () => {
    const calls: SshGCall[] = [];
    const runner = fakeSshG({ prod: { user: 'ops', port: '2200' } }, calls);
    const resolver = new SshConfigResolver({ runner, homedir, username: 'ann' });
    const resolved = await resolver.resolve({ host: 'prod', user: 'deploy', port: 2222 });
    expect(calls[0]).toEqual({ file: 'ssh', args: ['-G', '-p', '2222', '-l', 'deploy', '--', 'prod'] });
    expect(resolved).toMatchObject({ user: 'deploy', port: 2222 });
  });

  it('keeps default identity files even if they do not exist', async () => {
    const resolver = new SshConfigResolver({ runner: fakeSshG({}), homedir, username: 'ann' });
    expect((await resolver.resolve({ host: 'plain' })).identityFiles).toEqual([
      '/home/ann/.ssh/id_rsa',
      '/home/ann/.ssh/id_ed25519',
    ]);
  });

  it('asks ssh once per distinct target', async () => {
    const calls: SshGCall[] = [];
    const resolver = new SshConfigResolver({ runner: fakeSshG({}, calls), homedir, username: 'ann' });
    await Promise.all([
      resolver.resolve({ host: 'a' }),
      resolver.resolve({ host: 'a' }),
      resolver.resolve({ host: 'b' }),
    ]);
    expect(calls).toHaveLength(2);
  });

  it('reports a failing ssh -G with its stderr', async () => {
    const resolver = new SshConfigResolver({
      runner: () =>
        Promise.resolve({
          code: 255,
          stdout: '',
          stderr: '/home/ann/.ssh/config: line 2: Bad configuration option: bogus\n',
        }),
      homedir,
      username: 'ann',
    });
    await expect(resolver.resolve({ host: 'x' })).rejects.toThrow(
      /ssh -G x failed \(.*Bad configuration option: bogus\)/,
    );
  });
});

describe('SshConfigResolver without an ssh binary', () => {
  it('falls back to reading the config files, with OpenSSH defaults', async () => {
    const home = mkdtempSync(join(tmpdir(), 'fleetdeck-sshcfg-'));
    mkdirSync(join(home, '.ssh'));
    const userFile = join(home, '.ssh', 'config');
    writeFileSync(userFile, 'Host box\n  HostName %h.lan\n  User admin\n  ProxyJump ssh://hop@gate:2022\n');
    const systemFile = join(home, 'system_config');
    writeFileSync(systemFile, 'Host *\n  Port 2022\n');
    const resolver = new SshConfigResolver({
      runner: noSshBinary,
      homedir: home,
      username: 'ann',
      configFiles: [userFile, systemFile],
    });

    expect(await resolver.resolve({ host: 'box' })).toEqual({
      host: 'box.lan',
      port: 2022,
      user: 'admin',
      identityFiles: [
        'id_rsa',
        'id_ecdsa',
        'id_ecdsa_sk',
        'id_ed25519',
        'id_ed25519_sk',
        'id_xmss',
        'id_dsa',
      ].map((f) => join(home, '.ssh', f)),
      proxyJump: 'hop@gate:2022',
    });
    expect(await resolver.resolve({ host: 'other', user: 'me', port: 22 })).toMatchObject({
      host: 'other',
      user: 'me',
      port: 22,
    });
    expect(await resolver.resolve({ host: 'plain' })).toMatchObject({ user: 'ann' });
  });

  it('works with no config files at all', async () => {
    const resolver = new SshConfigResolver({
      runner: noSshBinary,
      homedir,
      username: 'ann',
      configFiles: ['/nonexistent/config'],
    });
    expect(await resolver.resolve({ host: 'h' })).toMatchObject({ host: 'h', port: 22, user: 'ann' });
  });
});
