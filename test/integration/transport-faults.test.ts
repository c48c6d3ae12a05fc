import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, expect, it } from 'vitest';
import { startFleet, type FleetRuntime } from '../../src/app/runtime.js';
import { loadFleet } from '../../src/config/index.js';
import { runCli } from '../support/cli.js';
import { describeLab, type LabInventory } from '../support/lab.js';
import { runLabScript } from '../support/lab-script.js';
import { waitUntil } from '../support/wait.js';

/*
 * The transport under faults, on the real lab: a daemon that accepts and never answers
 * (SIGSTOP of dockerd), and DOCKER_* variables in the environment that would redirect a plain
 * dockerode. Outcomes are asserted, never timings.
 */

const exec = promisify(execFile);
const scratch = mkdtempSync(join(tmpdir(), 'fd-transport-faults-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function lab(labInv: LabInventory, ...args: string[]): Promise<void> {
  const r = await runLabScript(labInv.labDir, labInv.portBase, args, 60_000);
  if (r.code !== 0) throw new Error(`lab.sh ${args.join(' ')} failed: ${r.stderr}`);
}

interface HostJson {
  name: string;
  state: string;
  reason: { code: string; message: string } | null;
  lastSeenAt: string | null;
  stale: boolean;
}

// Variables that make docker-modem dial somewhere else (ssh://127.0.0.1:1: nobody listens there).
const HOSTILE_ENV = {
  DOCKER_HOST: 'ssh://127.0.0.1:1',
  DOCKER_TLS_VERIFY: '1',
  DOCKER_CERT_PATH: join(scratch, 'no-certs'),
  DOCKER_CONTEXT: 'nowhere',
};

describeLab('the transport under faults', (labInv) => {
  const victim = labInv.hosts.length - 1;
  const victimHost = labInv.hosts[victim]!;
  let runtime: FleetRuntime | undefined;

  afterEach(async () => {
    // Never leave a daemon stopped, whatever failed.
    await lab(labInv, 'dockerd-thaw', String(victim)).catch(() => undefined);
    await runtime?.close();
    runtime = undefined;
  });

  it('lists the fleet with DOCKER_HOST=ssh://127.0.0.1:1 (and TLS, cert, context variables) set', async () => {
    const hosts = await runCli(['hosts', '--json', '--fleet', labInv.fleetFile], { env: HOSTILE_ENV });
    expect(hosts.code, hosts.stderr).toBe(0);
    const parsed = JSON.parse(hosts.stdout) as HostJson[];
    expect(parsed.map((h) => `${h.name} ${h.state}`)).toEqual(labInv.hosts.map((h) => `${h.name} up`));
    const ps = await runCli(['ps', '--json', '--fleet', labInv.fleetFile], { env: HOSTILE_ENV });
    expect(ps.code, ps.stderr).toBe(0);
    const containers = (JSON.parse(ps.stdout) as { containers: { host: string; name: string }[] }).containers;
    for (const h of labInv.hosts)
      expect(containers.some((c) => c.host === h.name && c.name === 'web-1')).toBe(true);
  });

  it('follows DOCKER_HOST=ssh://… itself when there is no fleet file, checking the host key', async () => {
    const home = join(scratch, 'home');
    mkdirSync(join(home, '.ssh'), { recursive: true });
    const agentSock = join(scratch, 'agent.sock');
    const { stdout } = await exec('ssh-agent', ['-a', agentSock]);
    const agentPid = /SSH_AGENT_PID=(\d+)/.exec(stdout)?.[1];
    try {
      await exec('ssh-add', [labInv.clientKey], { env: { ...process.env, SSH_AUTH_SOCK: agentSock } });
      // fleetdeck reads host-key settings from `ssh -G`, which (as OpenSSH does) expands ~ from the
      // passwd entry, not $HOME: an `ssh` first on PATH that adds `-F` keeps the runner's ~/.ssh out.
      const knownHosts = join(home, '.ssh', 'known_hosts');
      const bin = join(scratch, 'bin');
      mkdirSync(bin, { recursive: true });
      writeFileSync(
        join(home, '.ssh', 'config'),
        `UserKnownHostsFile ${knownHosts}\nGlobalKnownHostsFile /dev/null\n`,
      );
      writeFileSync(
        join(bin, 'ssh'),
        `#!/bin/sh\nexec /usr/bin/ssh -F ${join(home, '.ssh', 'config')} "$@"\n`,
        {
          mode: 0o755,
        },
      );
      const env = {
        PATH: `${bin}:${process.env.PATH ?? ''}`,
        HOME: home,
        XDG_CONFIG_HOME: join(home, '.config'),
        FLEETDECK_CONFIG: '',
        SSH_AUTH_SOCK: agentSock,
        DOCKER_HOST: `ssh://root@127.0.0.1:${victimHost.port}`,
        DOCKER_TLS_VERIFY: '1',
        DOCKER_CERT_PATH: join(scratch, 'no-certs'),
      };
      // No known_hosts entry yet: refused like any fleet host, with the line to add.
      writeFileSync(knownHosts, '');
      const unknown = await runCli(['hosts', '--json'], { env });
      expect(unknown.code, unknown.stderr).toBe(3);
      expect((JSON.parse(unknown.stdout) as HostJson[])[0]?.reason?.code).toBe('host-key-unknown');

      copyFileSync(labInv.knownHosts, knownHosts);
      const known = await runCli(['hosts', '--json'], { env });
      const [host] = JSON.parse(known.stdout) as HostJson[];
      expect(host?.name).toBe('127.0.0.1');
      // Over fleetdeck's own SSH connection to the default socket path: up where this machine runs
      // a system dockerd, else the socket probe (run over that SSH connection) says it is missing.
      if (host?.state === 'up') expect(known.code).toBe(0);
      else
        expect(host?.reason).toEqual({
          code: 'socket-missing',
          message: expect.stringContaining(
            `/var/run/docker.sock on root@127.0.0.1:${victimHost.port} does not exist`,
          ),
        });
    } finally {
      if (agentPid) process.kill(Number(agentPid), 'SIGTERM');
    }
  });

  it('a hung daemon: its host degraded with the SSH-up reason and stale data, the others unaffected, CLI exit 3, back by itself', async () => {
    const config = await loadFleet({ fleetFile: labInv.fleetFile, env: {}, homedir: homedir() });
    runtime = startFleet(config, { readOnly: true });
    const store = runtime.store;
    const host = (name: string) => store.getSnapshot().hosts.find((h) => h.name === name);
    await waitUntil(() => store.getSnapshot().hosts.every((h) => h.state === 'up'), 'every host up', 60_000);
    const victimContainers = store.getSnapshot().containers.filter((c) => c.host === victimHost.name).length;
    expect(victimContainers).toBeGreaterThan(0);

    await lab(labInv, 'dockerd-freeze', String(victim));
    const frozenAt = Date.now();
    await waitUntil(() => host(victimHost.name)?.state === 'degraded', `${victimHost.name} degraded`, 90_000);
    // A figure for the report, not an assertion (timings belong to benchmarks).
    console.log(
      `[transport-faults] hung daemon detected after ${((Date.now() - frozenAt) / 1000).toFixed(1)} s`,
    );
    const degraded = host(victimHost.name)!;
    expect(degraded.problem?.code).toBe('daemon-not-answering');
    expect(degraded.problem?.message).toContain(
      `${victimHost.name}: SSH up, Docker daemon at ${victimHost.dockerSocket} not answering for`,
    );
    // Its last containers stay, marked stale; every other host is up and still listing.
    expect(degraded.stale).toBe(true);
    expect(store.getSnapshot().staleHosts?.has(victimHost.name)).toBe(true);
    expect(store.getSnapshot().containers.filter((c) => c.host === victimHost.name)).toHaveLength(
      victimContainers,
    );
    for (const other of labInv.hosts.filter((h) => h.name !== victimHost.name)) {
      expect(host(other.name)?.state).toBe('up');
      const list = await runtime.apis.get(other.name)!.listContainers({ all: true });
      expect(list.length).toBeGreaterThan(0);
    }

    // Commands finish, exit 3, and name the host instead of hanging.
    const hosts = await runCli(['hosts', '--json', '--fleet', labInv.fleetFile], { timeoutMs: 90_000 });
    expect(hosts.code, hosts.stderr).toBe(3);
    const hung = (JSON.parse(hosts.stdout) as HostJson[]).find((h) => h.name === victimHost.name);
    expect(hung, JSON.stringify(hung)).toMatchObject({
      state: 'degraded',
      reason: { code: 'daemon-not-answering' },
    });
    expect(hung?.reason?.message).toContain('SSH up, Docker daemon at');
    const ps = await runCli(['ps', '--fleet', labInv.fleetFile], { timeoutMs: 90_000 });
    expect(ps.code).toBe(3);
    expect(ps.stderr).toContain(
      `${victimHost.name}: SSH up, Docker daemon at ${victimHost.dockerSocket} not answering`,
    );
    expect(ps.stdout).toContain(labInv.hosts[0]!.name);
    const storage = await runCli(['storage', '--json', '--fleet', labInv.fleetFile], { timeoutMs: 90_000 });
    expect(storage.code).toBe(3);
    expect(storage.stdout).toContain(victimHost.name);
    const logs = await runCli(
      ['logs', `${labInv.hosts[0]!.name}/web-1`, '-n', '1', '--fleet', labInv.fleetFile],
      {
        timeoutMs: 90_000,
      },
    );
    expect(logs.code).toBe(3);
    expect(logs.stderr).toContain(victimHost.name);

    await lab(labInv, 'dockerd-thaw', String(victim));
    const thawedAt = Date.now();
    await waitUntil(() => host(victimHost.name)?.state === 'up', `${victimHost.name} up again`, 90_000);
    console.log(`[transport-faults] up again ${((Date.now() - thawedAt) / 1000).toFixed(1)} s after SIGCONT`);
    expect(host(victimHost.name)?.stale).toBe(false);
  });
});
