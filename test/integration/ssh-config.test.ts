import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import type { DoctorReport } from '../../src/app/commands/doctor-report.js';
import { runCli } from '../support/cli.js';
import { describeLab, sshArgs, type LabInventory } from '../support/lab.js';
import { REPO_ROOT, run, runLabScript } from '../support/lab-script.js';

/*
 * Hosts reached the way ~/.ssh/config says, with the real binary against the lab: every test
 * writes its own ssh_config (fleet file `sshConfig:` → `ssh -F`), never the runner's ~/.ssh.
 */

const scratch = mkdtempSync(join(tmpdir(), 'fd-sshcfg-it-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface HostJson {
  name: string;
  state: string;
  reason: { code: string; message: string } | null;
  warning: string | null;
}

let counter = 0;

/** Writes an ssh_config and a fleet file using it; `KEY`, `KH`, `P0…` are filled in from the lab. */
function fleetWith(lab: LabInventory, sshConfig: string, hosts: string, top = ''): string {
  const dir = join(scratch, `case-${++counter}`);
  execFileSync('mkdir', ['-p', dir]);
  const fill = (text: string): string =>
    text
      .replaceAll('KEY', lab.clientKey)
      .replaceAll('KH', lab.knownHosts)
      .replaceAll('RELAY', `${process.execPath} ${join(REPO_ROOT, 'test/support/tcp-relay.mjs')}`)
      .replace(/\bP(\d)\b/g, (_, i: string) => String(lab.hosts[Number(i)]?.port))
      .replace(/\bSOCK(\d)\b/g, (_, i: string) => lab.hosts[Number(i)]?.dockerSocket ?? '');
  writeFileSync(join(dir, 'ssh_config'), fill(sshConfig));
  const file = join(dir, 'fleet.yaml');
  writeFileSync(file, fill(`sshConfig: ./ssh_config\n${top}hosts:\n${hosts}`));
  return file;
}

/** Every lab host as an ssh_config alias, plus what a test adds. */
const LAB_ALIASES = `
Host lab0 lab1 lab2
  User root
  IdentityFile KEY
  IdentitiesOnly yes
  IdentityAgent none
  UserKnownHostsFile KH
  GlobalKnownHostsFile /nonexistent/ssh_known_hosts
  StrictHostKeyChecking yes
Host lab0
  HostName 127.0.0.1
  Port P0
Host lab1
  HostName 127.0.0.1
  Port P1
Host lab2
  HostName 127.0.0.1
  Port P2
`;

async function hostsJson(fleet: string): Promise<{ code: number | null; hosts: HostJson[]; stderr: string }> {
  const result = await runCli(['hosts', '--json', '--fleet', fleet]);
  return { code: result.code, hosts: JSON.parse(result.stdout || '[]') as HostJson[], stderr: result.stderr };
}

async function doctor(
  fleet: string,
  ...args: string[]
): Promise<{ code: number | null; reports: DoctorReport[] }> {
  const result = await runCli(['doctor', '--json', '--fleet', fleet, ...args]);
  expect(result.stderr).toBe('');
  return { code: result.code, reports: JSON.parse(result.stdout) as DoctorReport[] };
}

const entry = (name: string, ssh: string, socket: string, extra = ''): string =>
  `  - name: ${name}\n    ssh: ${ssh}\n    socket: ${socket}\n${extra}`;

describeLab('SSH as ~/.ssh/config says', (lab) => {
  it('reaches a host through a ProxyCommand (tokens expanded, its stdio as the transport)', async () => {
    const fleet = fleetWith(
      lab,
      `Host lab1-cmd\n  HostName 127.0.0.1\n  Port P1\n  ProxyCommand RELAY %h %p\n${LAB_ALIASES.replace('Host lab0 lab1 lab2', 'Host lab0 lab1 lab2 lab1-cmd')}`,
      entry('via-cmd', 'lab1-cmd', 'SOCK1'),
    );
    const { code, hosts } = await hostsJson(fleet);
    expect(hosts[0]).toMatchObject({ name: 'via-cmd', state: 'up' });
    expect(code).toBe(0);
    const { reports } = await doctor(fleet);
    const steps = reports[0]?.steps ?? [];
    expect(steps.find((s) => s.step === 'proxy-command')).toMatchObject({
      status: 'ok',
      detail: expect.stringMatching(/tcp-relay\.mjs 127\.0\.0\.1 \d+$/),
    });
    expect(steps.some((s) => s.step === 'tcp')).toBe(false); // no TCP of our own
  });

  it('reports a ProxyCommand that fails with what it wrote on stderr', async () => {
    const fleet = fleetWith(
      lab,
      `Host broken-cmd\n  HostName 127.0.0.1\n  Port 1\n  ProxyCommand RELAY %h %p\n${LAB_ALIASES.replace('Host lab0 lab1 lab2', 'Host lab0 lab1 lab2 broken-cmd')}`,
      entry('broken', 'broken-cmd', 'SOCK1'),
    );
    const { code, hosts } = await hostsJson(fleet);
    expect(code).toBe(3);
    expect(hosts[0]?.reason?.message).toMatch(
      /ProxyCommand for root@127\.0\.0\.1:1 exited with code 1: tcp-relay: connect ECONNREFUSED/,
    );
  });

  it('reaches a host through two ProxyJump hops, each hop verified and logged in on its own', async () => {
    const fleet = fleetWith(
      lab,
      `Host two-hops\n  HostName 127.0.0.1\n  Port P2\n  ProxyJump lab0,lab1\n${LAB_ALIASES.replace('Host lab0 lab1 lab2', 'Host lab0 lab1 lab2 two-hops')}`,
      entry('far', 'two-hops', 'SOCK2'),
    );
    const { code, hosts } = await hostsJson(fleet);
    expect(hosts[0]).toMatchObject({ name: 'far', state: 'up' });
    expect(code).toBe(0);
    const { reports } = await doctor(fleet);
    const steps = reports[0]?.steps ?? [];
    const [p0, p1, p2] = lab.hosts.map((h) => `root@127.0.0.1:${h.port}`);
    expect(steps.filter((s) => s.step === 'host-key').map((s) => [s.server, s.status])).toEqual([
      [p0, 'ok'],
      [p1, 'ok'],
      [p2, 'ok'],
    ]);
    expect(steps.filter((s) => s.step === 'tcp').map((s) => s.server)).toEqual([p0]);
    expect(steps.filter((s) => s.step === 'forward').map((s) => [s.server, s.detail])).toEqual([
      [p1, `channel through ${p0}`],
      [p2, `channel through ${p1}`],
    ]);
    expect(reports[0]?.ok).toBe(true);
  });

  it('reads a hashed known_hosts (ssh-keygen -H)', async () => {
    const hashed = join(scratch, 'known_hosts.hashed');
    writeFileSync(hashed, readFileSync(lab.knownHosts));
    const keygen = await run('ssh-keygen', ['-H', '-f', hashed]);
    expect(keygen.code, keygen.stderr).toBe(0);
    expect(readFileSync(hashed, 'utf8')).not.toContain('127.0.0.1');
    const fleet = fleetWith(
      lab,
      LAB_ALIASES.replace('UserKnownHostsFile KH', `UserKnownHostsFile ${hashed}`),
      entry('h0', 'lab0', 'SOCK0'),
    );
    const { code, hosts } = await hostsJson(fleet);
    expect(hosts[0]?.state).toBe('up');
    expect(code).toBe(0);
  });

  it('accept-new with HashKnownHosts records one hashed line, even for two connections at once', async () => {
    const fresh = join(scratch, 'known_hosts.fresh');
    const config = LAB_ALIASES.replace('UserKnownHostsFile KH', `UserKnownHostsFile ${fresh}`).replace(
      'StrictHostKeyChecking yes',
      'StrictHostKeyChecking accept-new\n  HashKnownHosts yes',
    );
    // Two entries that authenticate differently: two connections, handshaking at the same time.
    const fleet = fleetWith(
      lab,
      config,
      entry('a', 'lab0', 'SOCK0') +
        entry('b', 'lab0', 'SOCK0', `    identityFile: [KEY, ${join(scratch, 'no-such-key')}]\n`),
    );
    const { hosts } = await hostsJson(fleet);
    expect(hosts.map((h) => h.state)).toEqual(['up', 'up']);
    const lines = readFileSync(fresh, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\|1\|[^ ]+ ssh-ed25519 /);
    // Checked strictly from now on.
    const strict = fleetWith(
      lab,
      LAB_ALIASES.replace('UserKnownHostsFile KH', `UserKnownHostsFile ${fresh}`),
      entry('a', 'lab0', 'SOCK0'),
    );
    expect((await hostsJson(strict)).hosts[0]?.state).toBe('up');
  });

  it('two entries for one address with different keys: each logs in with its own (one refused, one accepted)', async () => {
    const stranger = join(scratch, 'id_stranger');
    await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', stranger]);
    const fleet = fleetWith(
      lab,
      LAB_ALIASES,
      entry('with-lab-key', 'lab0', 'SOCK0') +
        entry('with-other-key', 'lab0', 'SOCK0', `    identityFile: ${stranger}\n`),
    );
    const { code, hosts } = await hostsJson(fleet);
    expect(code).toBe(3);
    expect(hosts[0]).toMatchObject({ name: 'with-lab-key', state: 'up' });
    expect(hosts[1]).toMatchObject({
      name: 'with-other-key',
      state: 'unreachable',
      reason: { code: 'auth-failed', message: expect.stringContaining(`tried key ${stranger}`) },
    });
    expect(hosts[1]?.reason?.message).toContain('set identityFile for this host');
  });

  it('StrictHostKeyChecking no: the host works, with a loud warning', async () => {
    const fleet = fleetWith(
      lab,
      LAB_ALIASES.replace('StrictHostKeyChecking yes', 'StrictHostKeyChecking no'),
      entry('h0', 'lab0', 'SOCK0'),
    );
    const { hosts } = await hostsJson(fleet);
    expect(hosts[0]).toMatchObject({
      state: 'up',
      warning: expect.stringContaining('host key checking is OFF'),
    });
    const table = await runCli(['hosts', '--fleet', fleet]);
    expect(table.stdout).toContain('WARNING: host key checking is OFF');
  });

  it('a host presenting a certificate: OpenSSH trusts the CA; fleetdeck says ssh2 cannot ask for it', async () => {
    const last = lab.hosts.length - 1;
    const ca = join(scratch, 'host_ca');
    await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'test-host-ca', '-f', ca]);
    const certified = join(scratch, 'known_hosts.ca');
    writeFileSync(certified, `@cert-authority [127.0.0.1]:* ${readFileSync(`${ca}.pub`, 'utf8').trim()}\n`);
    const signed = await runLabScript(lab.labDir, lab.portBase, ['host-cert', String(last), ca], 60_000);
    expect(signed.code, signed.stderr).toBe(0);
    try {
      // Control: OpenSSH accepts the host on the certificate alone.
      const args = sshArgs(last, lab).map((a) =>
        a === `UserKnownHostsFile=${lab.knownHosts}` ? `UserKnownHostsFile=${certified}` : a,
      );
      const openssh = await run('ssh', [...args, 'true'], { timeoutMs: 30_000 });
      expect(openssh.code, openssh.stderr).toBe(0);

      const fleet = fleetWith(
        lab,
        LAB_ALIASES.replace('UserKnownHostsFile KH', `UserKnownHostsFile ${certified}`),
        entry('certified', `lab${last}`, `SOCK${last}`),
      );
      const { code, hosts } = await hostsJson(fleet);
      expect(code).toBe(3);
      expect(hosts[0]?.reason).toMatchObject({
        code: 'host-key-unknown',
        message: expect.stringContaining(
          'trusts a certificate authority for it, but ssh2 (the SSH library fleetdeck uses) cannot ask a server for its host certificate',
        ),
      });
    } finally {
      const removed = await runLabScript(
        lab.labDir,
        lab.portBase,
        ['host-cert-remove', String(last)],
        60_000,
      );
      expect(removed.code, removed.stderr).toBe(0);
    }
  });

  it('fleetdeck doctor: an up host, a refused port and an untrusted key, each step with what to do (exit 3)', async () => {
    const empty = join(scratch, 'known_hosts.empty');
    writeFileSync(empty, '');
    const fleet = fleetWith(
      lab,
      `Host untrusted\n  HostName 127.0.0.1\n  Port P1\n  UserKnownHostsFile ${empty}\nHost refused\n  HostName 127.0.0.1\n  Port 1\n${LAB_ALIASES.replace('Host lab0 lab1 lab2', 'Host lab0 lab1 lab2 untrusted refused')}`,
      entry('up', 'lab0', 'SOCK0') +
        entry('refused', 'refused', 'SOCK0') +
        entry('untrusted', 'untrusted', 'SOCK1'),
    );
    const { code, reports } = await doctor(fleet);
    expect(code).toBe(3);
    const byName = Object.fromEntries(reports.map((r) => [r.name, r]));
    const statuses = (name: string) => byName[name]?.steps.map((s) => `${s.step}:${s.status}`);
    expect(statuses('up')).toEqual([
      'resolve:ok',
      'tcp:ok',
      'banner:ok',
      'host-key:ok',
      'auth:ok',
      'docker-socket:ok',
      'docker-api:ok',
    ]);
    const up = byName.up?.steps ?? [];
    expect(up.find((s) => s.step === 'banner')?.detail).toMatch(/^SSH-2\.0-OpenSSH_/);
    expect(up.find((s) => s.step === 'host-key')?.detail).toBe(`known: line 1 of ${lab.knownHosts}`);
    expect(up.find((s) => s.step === 'auth')?.detail).toBe(`key ${lab.clientKey}`);
    expect(up.find((s) => s.step === 'docker-socket')?.detail).toContain('direct-streamlocal');
    expect(up.find((s) => s.step === 'docker-api')?.detail).toMatch(
      /^API 1\.\d+ \(Docker [^)]+\), \/_ping answered in/,
    );

    expect(statuses('refused')?.slice(0, 3)).toEqual(['resolve:ok', 'tcp:failed', 'banner:not reached']);
    expect(byName.refused?.steps[1]?.hint).toContain('sshd runs on the host');

    expect(statuses('untrusted')?.slice(0, 5)).toEqual([
      'resolve:ok',
      'tcp:ok',
      'banner:ok',
      'host-key:failed',
      'auth:not reached',
    ]);
    expect(byName.untrusted?.steps[3]?.detail).toContain(
      `ssh-keyscan -p ${lab.hosts[1]?.port} 127.0.0.1 >> ${empty}`,
    );

    const text = await runCli(['doctor', '--fleet', fleet, '--host', 'refused']);
    expect(text.code).toBe(3);
    expect(text.stdout).toMatch(/FAIL tcp connect +ssh connection to root@127\.0\.0\.1:1 refused/);
    expect(text.stdout).toContain('→ check that sshd runs on the host');
  });
});
