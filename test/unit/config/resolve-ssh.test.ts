import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SshConfigResolver } from '../../../src/config/ssh/resolve-ssh.js';
import { parseSshGOutput } from '../../../src/config/ssh/ssh-options.js';
import { DEFAULT_IDENTITY_FILES } from '../../../src/config/ssh/ssh-interpret.js';
import { fakeSshG, noSshBinary, type SshGCall } from './fake-ssh.js';

const homedir = '/home/ann';
const defaultKeys = {
  userKnownHostsFiles: ['/home/ann/.ssh/known_hosts', '/home/ann/.ssh/known_hosts2'],
  globalKnownHostsFiles: ['/etc/ssh/ssh_known_hosts', '/etc/ssh/ssh_known_hosts2'],
  policy: 'strict',
};

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
  it('resolves an alias (HostName, User, Port, IdentityFile) and every ProxyJump hop through ssh config', async () => {
    const runner = fakeSshG({
      prod: {
        hostname: '10.1.2.3',
        user: 'ops',
        port: '2200',
        identityfile: ['~/.ssh/prod', '%d/.ssh/%r@%h'],
        proxyjump: 'gate,hop@other:2022',
      },
      gate: { hostname: 'gate.example', user: 'jumper', port: '2022', stricthostkeychecking: 'accept-new' },
    });
    const resolver = new SshConfigResolver({ runner, homedir, username: 'ann' });
    const resolved = await resolver.resolve({ host: 'prod' });
    expect(resolved).toEqual({
      host: '10.1.2.3',
      port: 2200,
      user: 'ops',
      alias: 'prod',
      identityFiles: ['/home/ann/.ssh/prod', '/home/ann/.ssh/ops@10.1.2.3'],
      hostKeys: defaultKeys,
      jumpHosts: [
        expect.objectContaining({
          host: 'gate.example',
          port: 2022,
          user: 'jumper',
          hostKeys: { ...defaultKeys, policy: 'accept-new' },
        }),
        expect.objectContaining({ host: 'other', port: 2022, user: 'hop' }),
      ],
      proxyJump: 'jumper@gate.example:2022,hop@other:2022',
    });
  });

  it('reads the known_hosts, agent, timeout, keepalive and address options OpenSSH prints', async () => {
    const runner = fakeSshG({
      c: {
        userknownhostsfile: '/home/ann/.ssh/kh1 /tmp/kh2',
        globalknownhostsfile: '/etc/ssh/ssh_known_hosts',
        hostkeyalias: 'alias-c',
        checkhostip: 'yes',
        hashknownhosts: 'yes',
        stricthostkeychecking: 'false',
        identityagent: 'none',
        identitiesonly: 'yes',
        certificatefile: '~/.ssh/id_ed25519-cert.pub',
        addressfamily: 'inet6',
        connecttimeout: '7',
        serveraliveinterval: '5',
        serveralivecountmax: '2',
        proxycommand: 'ssh -W %h:%p bastion',
      },
    });
    const resolved = await new SshConfigResolver({ runner, homedir, username: 'ann' }).resolve({ host: 'c' });
    expect(resolved).toMatchObject({
      hostKeys: {
        userKnownHostsFiles: ['/home/ann/.ssh/kh1', '/tmp/kh2'],
        globalKnownHostsFiles: ['/etc/ssh/ssh_known_hosts'],
        policy: 'off',
        hostKeyAlias: 'alias-c',
        checkHostIp: true,
        hashKnownHosts: true,
      },
      identityAgent: 'none',
      identitiesOnly: true,
      certificateFiles: ['/home/ann/.ssh/id_ed25519-cert.pub'],
      addressFamily: 'inet6',
      connectTimeoutMs: 7000,
      keepaliveIntervalMs: 5000,
      keepaliveCountMax: 2,
      proxyCommand: 'ssh -W %h:%p bastion',
    });
    expect(resolved.jumpHosts).toBeUndefined();
  });

  it('leaves unset what OpenSSH prints as its defaults (no timeout, no keepalive, ask = strict)', async () => {
    const resolved = await new SshConfigResolver({ runner: fakeSshG({}), homedir, username: 'ann' }).resolve({
      host: 'plain',
    });
    expect(resolved.connectTimeoutMs).toBeUndefined();
    expect(resolved.keepaliveIntervalMs).toBeUndefined();
    expect(resolved.addressFamily).toBeUndefined();
    expect(resolved.identitiesOnly).toBeUndefined();
    expect(resolved.hostKeys).toEqual(defaultKeys);
  });

  it.each([
    ['true', 'strict'],
    ['ask', 'strict'],
    ['accept-new', 'accept-new'],
    ['false', 'off'],
  ])('StrictHostKeyChecking %s → %s', async (value, policy) => {
    const runner = fakeSshG({ h: { stricthostkeychecking: value } });
    const resolved = await new SshConfigResolver({ runner, homedir, username: 'ann' }).resolve({ host: 'h' });
    expect(resolved.hostKeys?.policy).toBe(policy);
  });

  it('passes fleet-file user and port as -l / -p so they win, and -F for a fleet sshConfig', async () => {
    const calls: SshGCall[] = [];
    const runner = fakeSshG({ prod: { user: 'ops', port: '2200' } }, calls);
    const resolver = new SshConfigResolver({ runner, homedir, username: 'ann' });
    const resolved = await resolver.resolve({ host: 'prod', user: 'deploy', port: 2222 });
    expect(calls[0]).toEqual({ file: 'ssh', args: ['-G', '-p', '2222', '-l', 'deploy', '--', 'prod'] });
    expect(resolved).toMatchObject({ user: 'deploy', port: 2222 });
    const withFile = new SshConfigResolver({ runner, homedir, username: 'ann', configFile: '/t/ssh_config' });
    await withFile.resolve({ host: 'prod' });
    expect(calls[1]?.args.slice(0, 3)).toEqual(['-F', '/t/ssh_config', '-G']);
  });

  it('keeps default identity files even if they do not exist, and says they are the defaults', async () => {
    const runner = fakeSshG({
      d: {
        identityfile: [
          '~/.ssh/id_rsa',
          '~/.ssh/id_ecdsa',
          '~/.ssh/id_ecdsa_sk',
          '~/.ssh/id_ed25519',
          '~/.ssh/id_ed25519_sk',
          '~/.ssh/id_xmss',
          '~/.ssh/id_dsa',
        ],
      },
    });
    const resolver = new SshConfigResolver({ runner, homedir, username: 'ann' });
    const d = await resolver.resolve({ host: 'd' });
    expect(d.identityFiles).toHaveLength(7);
    expect(d.defaultIdentityFiles).toBe(true);
    expect((await resolver.resolve({ host: 'plain' })).defaultIdentityFiles).toBeUndefined();
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

    expect(await resolver.resolve({ host: 'box' })).toMatchObject({
      host: 'box.lan',
      port: 2022,
      user: 'admin',
      defaultIdentityFiles: true,
      identityFiles: [
        'id_rsa',
        'id_ecdsa',
        'id_ecdsa_sk',
        'id_ed25519',
        'id_ed25519_sk',
        'id_xmss',
        'id_dsa',
      ].map((f) => join(home, '.ssh', f)),
      hostKeys: {
        userKnownHostsFiles: [join(home, '.ssh/known_hosts'), join(home, '.ssh/known_hosts2')],
        globalKnownHostsFiles: ['/etc/ssh/ssh_known_hosts', '/etc/ssh/ssh_known_hosts2'],
        policy: 'strict',
      },
      proxyJump: 'hop@gate:2022',
    });
    expect(await resolver.resolve({ host: 'other', user: 'me', port: 22 })).toMatchObject({
      host: 'other',
      user: 'me',
      port: 22,
    });
    expect(await resolver.resolve({ host: 'plain' })).toMatchObject({ user: 'ann' });
  });

  it('takes whichever of ProxyCommand and ProxyJump comes first, and ProxyJump none', async () => {
    const home = mkdtempSync(join(tmpdir(), 'fleetdeck-sshcfg-'));
    const file = join(home, 'config');
    writeFileSync(
      file,
      'Host cmd-first\n  ProxyCommand nc %h %p\n  ProxyJump gate\nHost jump-first\n  ProxyJump gate\n  ProxyCommand nc %h %p\nHost direct\n  ProxyJump none\nHost *\n  ProxyJump gate\n',
    );
    const resolver = new SshConfigResolver({
      runner: noSshBinary,
      homedir: home,
      username: 'ann',
      configFiles: [file],
    });
    expect(await resolver.resolve({ host: 'cmd-first' })).toMatchObject({ proxyCommand: 'nc %h %p' });
    expect((await resolver.resolve({ host: 'cmd-first' })).jumpHosts).toBeUndefined();
    expect(await resolver.resolve({ host: 'jump-first' })).toMatchObject({ proxyJump: 'ann@gate:22' });
    const direct = await resolver.resolve({ host: 'direct' });
    expect(direct.jumpHosts).toBeUndefined();
    expect(direct.proxyCommand).toBeUndefined();
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

describe('SshConfigResolver with nothing configured', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fd-ssh-empty-'));
  const empty = join(dir, 'empty_config');
  writeFileSync(empty, '# deliberately empty\n\n');
  const busy = join(dir, 'busy_config');
  writeFileSync(busy, 'Host prod\n  User ops\n');

  it('answers from the defaults without spawning ssh -G once per host, as ssh -G would', async () => {
    const calls: SshGCall[] = [];
    const resolver = new SshConfigResolver({
      runner: fakeSshG({}, calls),
      homedir,
      username: 'ann',
      configFile: empty,
      emptyConfigShortcut: true,
    });
    // What OpenSSH 9.2's ssh -G prints for an empty -F file: the destination lowercased, the defaults.
    expect(await resolver.resolve({ host: 'Web1.Example', port: 2201, user: 'root' })).toEqual({
      host: 'web1.example',
      port: 2201,
      user: 'root',
      alias: 'Web1.Example',
      identityFiles: DEFAULT_IDENTITY_FILES.map((f) => f.replace('~', homedir)),
      defaultIdentityFiles: true,
      hostKeys: defaultKeys,
    });
    expect(await resolver.resolve({ host: 'db' })).toMatchObject({ host: 'db', port: 22, user: 'ann' });
    expect(calls).toHaveLength(0);
  });

  it('asks ssh -G when a file has a directive, or when the -F file does not exist', async () => {
    const calls: SshGCall[] = [];
    const runner = fakeSshG({ prod: { user: 'ops' } }, calls);
    const base = { runner, homedir, username: 'ann', emptyConfigShortcut: true };
    expect(
      await new SshConfigResolver({ ...base, configFile: busy }).resolve({ host: 'prod' }),
    ).toMatchObject({
      user: 'ops',
    });
    await new SshConfigResolver({ ...base, configFile: join(dir, 'missing') }).resolve({ host: 'prod' });
    expect(calls).toHaveLength(2);
  });
});
