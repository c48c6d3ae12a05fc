import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadFleet } from '../../../src/config/load-fleet.js';
import type { SshHostSpec } from '../../../src/domain/host.js';
import { fakeSshG, type SshGCall } from './fake-ssh.js';

/*
 * Fleet-file values win over ~/.ssh/config key by key; what the fleet file does not say comes
 * from `ssh -G`.
 */

const homedir = '/home/ann';
const aliases = {
  tuned: {
    hostname: '10.0.0.8',
    userknownhostsfile: '/home/ann/.ssh/work_known_hosts',
    stricthostkeychecking: 'accept-new',
    connecttimeout: '4',
    serveraliveinterval: '20',
    proxyjump: 'gate',
  },
  viacmd: { proxycommand: 'ssh -W %h:%p bastion' },
  gate: { hostname: 'gate.example', user: 'jump', connecttimeout: '3' },
  careless: { stricthostkeychecking: 'false' },
};

async function hostsOf(fleetYaml: string, calls: SshGCall[] = []): Promise<SshHostSpec[]> {
  const dir = mkdtempSync(join(tmpdir(), 'fd-sshspec-'));
  const file = join(dir, 'fleet.yaml');
  writeFileSync(file, fleetYaml);
  const fleet = await loadFleet({
    fleetFile: file,
    env: {},
    homedir,
    runner: fakeSshG(aliases, calls),
    username: 'ann',
  });
  return fleet.hosts as SshHostSpec[];
}

describe('ssh config values when the fleet file is silent', () => {
  it('takes known_hosts files, policy, ConnectTimeout, ServerAliveInterval and ProxyJump from ssh -G', async () => {
    const [host] = await hostsOf('hosts:\n  - name: t\n    ssh: tuned\n');
    expect(host?.ssh).toMatchObject({
      host: '10.0.0.8',
      hostKeys: { userKnownHostsFiles: ['/home/ann/.ssh/work_known_hosts'], policy: 'accept-new' },
      connectTimeoutMs: 4000,
      keepaliveIntervalMs: 20_000,
      jumpHosts: [{ host: 'gate.example', user: 'jump', connectTimeoutMs: 3000 }],
      proxyJump: 'jump@gate.example:22',
    });
    expect(host?.knownHostsFile).toBe('/home/ann/.ssh/work_known_hosts');
    expect(host?.hostKeyPolicy).toBe('accept-new');
    expect(host?.warning).toBeUndefined();
  });

  it('keeps a ProxyCommand', async () => {
    const [host] = await hostsOf('hosts:\n  - name: c\n    ssh: viacmd\n');
    expect(host?.ssh.proxyCommand).toBe('ssh -W %h:%p bastion');
    expect(host?.ssh.alias).toBe('viacmd');
  });
});

describe('fleet-file values win', () => {
  it('knownHostsFile, hostKeyPolicy and connect timeouts replace the ssh config ones (jump hosts too)', async () => {
    const [host] = await hostsOf(
      'knownHostsFile: ~/.ssh/fleet_kh\nhostKeyPolicy: strict\nconnect: { timeoutSeconds: 9, keepaliveSeconds: 0 }\nhosts:\n  - name: t\n    ssh: tuned\n',
    );
    expect(host?.ssh.hostKeys).toMatchObject({
      userKnownHostsFiles: ['/home/ann/.ssh/fleet_kh'],
      policy: 'strict',
    });
    expect(host?.ssh.connectTimeoutMs).toBeUndefined(); // the pool's default: the fleet's 9 s
    expect(host?.ssh.keepaliveIntervalMs).toBeUndefined();
    expect(host?.ssh.jumpHosts?.[0]).toMatchObject({
      hostKeys: { userKnownHostsFiles: ['/home/ann/.ssh/fleet_kh'], policy: 'strict' },
    });
    expect(host?.ssh.jumpHosts?.[0]?.connectTimeoutMs).toBeUndefined();
  });

  it('a host’s own hostKeyPolicy wins for that host only', async () => {
    const [host] = await hostsOf('hosts:\n  - name: t\n    ssh: tuned\n    hostKeyPolicy: strict\n');
    expect(host?.hostKeyPolicy).toBe('strict');
    expect(host?.ssh.jumpHosts?.[0]?.hostKeys?.policy).toBe('strict'); // gate itself says nothing: ask → strict
  });

  it('proxyJump in the fleet file: hops resolved through ssh config, or none for direct', async () => {
    const calls: SshGCall[] = [];
    const [multi, direct, overCmd] = await hostsOf(
      'hosts:\n  - name: m\n    ssh: 10.0.0.9\n    proxyJump: gate,ops@hop2:2200\n  - name: d\n    ssh: tuned\n    proxyJump: none\n  - name: c\n    ssh: viacmd\n    proxyJump: gate\n',
      calls,
    );
    expect(multi?.ssh.jumpHosts?.map((h) => `${h.user}@${h.host}:${h.port}`)).toEqual([
      'jump@gate.example:22',
      'ops@hop2:2200',
    ]);
    expect(direct?.ssh.jumpHosts).toBeUndefined();
    expect(direct?.ssh.proxyCommand).toBeUndefined();
    expect(overCmd?.ssh.proxyCommand).toBeUndefined();
    expect(overCmd?.ssh.proxyJump).toBe('jump@gate.example:22');
  });

  it('identityFile replaces ssh config’s IdentityFiles, which are then no longer the defaults', async () => {
    const [host] = await hostsOf('hosts:\n  - name: p\n    ssh: plain\n    identityFile: ~/.ssh/mine\n');
    expect(host?.ssh.identityFiles).toEqual(['/home/ann/.ssh/mine']);
    expect(host?.ssh.defaultIdentityFiles).toBeUndefined();
  });

  it('sshConfig is passed to ssh -G as -F, relative to the fleet file', async () => {
    const calls: SshGCall[] = [];
    await hostsOf('sshConfig: ./ssh_config\nhosts:\n  - name: p\n    ssh: plain\n', calls);
    expect(calls[0]?.args[0]).toBe('-F');
    expect(calls[0]?.args[1]).toMatch(/\/fd-sshspec-[^/]+\/ssh_config$/);
  });
});

describe('host key checking off', () => {
  it('is allowed, with a loud warning on the host', async () => {
    const [fromSsh, fromFleet] = await hostsOf(
      'hosts:\n  - name: a\n    ssh: careless\n  - name: b\n    ssh: plain\n    hostKeyPolicy: off\n',
    );
    expect(fromSsh?.hostKeyPolicy).toBe('off');
    expect(fromSsh?.warning).toBe(
      'host key checking is OFF for careless:22 (StrictHostKeyChecking no): any new host key is trusted without a check — use accept-new or strict',
    );
    expect(fromFleet?.warning).toContain('(hostKeyPolicy: off in the fleet file)');
  });
});
