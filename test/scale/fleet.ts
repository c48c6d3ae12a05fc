/*
 * The scale fleet: N "hosts" on this machine, each a real OpenSSH sshd on its own loopback port
 * (key-only, `SetEnv SHLVL=1`, `AllowTcpForwarding local`, as the lab's) in front of a fake Docker
 * daemon on its own unix socket. The daemons are one small Node process (docker-api-server.mjs)
 * answering from payloads recorded off the lab's real dockerd, N containers per host, one event per
 * host every `eventIntervalMs`.
 *
 * It runs beside the lab (own ports from 24000, own directory /tmp/fleetdeck-scale-N) and writes
 * what fleetdeck and the benches need: fleet.yaml, known_hosts, id_ed25519, inventory.json (the
 * lab's inventory shape). Needs root (sshd) and openssh-server.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Semaphore } from '../../src/util/semaphore.js';
import type { LabInventory } from '../support/lab-inventory.js';

const SSHD = '/usr/sbin/sshd';
const API_SERVER = fileURLToPath(new URL('./docker-api-server.mjs', import.meta.url));

export interface ScaleOptions {
  hosts: number;
  /** Containers per host (default 50). */
  containers?: number;
  /** One container event per host every this many ms (default 5000; 0: none). */
  eventIntervalMs?: number;
  /** Host i's sshd listens on portBase + i (default 24000, or SCALE_PORT_BASE). */
  portBase?: number;
  /** Default /tmp/fleetdeck-scale-N (or SCALE_DIR). */
  dir?: string;
}

export interface ScaleHost {
  index: number;
  name: string;
  port: number;
  socket: string;
  sshdPidFile: string;
  sshdConfig: string;
}

export interface ScaleFleet {
  dir: string;
  inventory: LabInventory;
  hosts: ScaleHost[];
  fleetFile: string;
  knownHosts: string;
  clientKey: string;
  containers: number;
  eventIntervalMs: number;
  /** Writes a fleet file for these hosts (a subset, other connect settings) and returns its path. */
  writeFleetFile(name: string, opts?: { concurrency?: number; hosts?: readonly ScaleHost[] }): string;
  /** What the fake daemons have answered and sent so far (all hosts together). */
  counters(): Promise<ApiCounters>;
  stop(): Promise<void>;
}

export interface ApiCounters {
  /** Requests by route, e.g. `GET /containers/{id}/json`. */
  requests: Record<string, number>;
  eventsSent: number;
  /** Event messages written to subscribers (after their filters). */
  eventsDelivered: number;
  eventStreams: number;
}

/** `GET /counters` of the fake daemons' control socket. */
export function readCounters(controlSocket: string): Promise<ApiCounters> {
  return new Promise((resolve, reject) => {
    const req = request({ socketPath: controlSocket, path: '/counters' }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (d: string) => (body += d));
      res.on('end', () => resolve(JSON.parse(body) as ApiCounters));
    });
    req.on('error', reject);
    req.end();
  });
}

export const hostName = (i: number): string => `scale-${String(i).padStart(3, '0')}`;

function sshdConfig(dir: string, h: ScaleHost): string {
  return `# ${h.name} of the fleetdeck scale fleet at ${dir}
Port ${h.port}
ListenAddress 127.0.0.1
HostKey ${dir}/keys/${h.name}
PidFile ${h.sshdPidFile}
AuthorizedKeysFile ${dir}/authorized_keys
PermitRootLogin prohibit-password
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
AllowStreamLocalForwarding yes
# direct-streamlocal needs local forwarding permitted: with "no", OpenSSH denies every stream-local open.
AllowTcpForwarding local
X11Forwarding no
PrintMotd no
PrintLastLog no
# SHLVL=1 keeps Debian's bash from reading ~/.bashrc for every exec (hundreds of ms each).
SetEnv DOCKER_HOST=unix://${h.socket} SHLVL=1
Subsystem sftp internal-sftp
LogLevel ERROR
`;
}

/**
 * An ed25519 key pair by ssh-keygen, made once and kept (FILE, FILE.pub). Not ssh2's generator:
 * its ed25519 keys drop a leading zero byte of the public key now and then, which sshd refuses.
 */
async function keyPair(file: string, comment: string): Promise<string> {
  if (!existsSync(file) || !existsSync(`${file}.pub`)) {
    rmSync(file, { force: true });
    rmSync(`${file}.pub`, { force: true });
    const r = await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', comment, '-f', file]);
    if (r.code !== 0) throw new Error(`ssh-keygen for ${file} failed: ${r.stderr.trim()}`);
  }
  return readFileSync(`${file}.pub`, 'utf8').trim();
}

const pidIn = (file: string): number | undefined => {
  try {
    const pid = Number(readFileSync(file, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
};

/** The pid in `file` if that process is still `comm` (a recycled pid is not ours). */
export function livePid(file: string, comm: string): number | undefined {
  const pid = pidIn(file);
  if (pid === undefined) return undefined;
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === comm ? pid : undefined;
  } catch {
    return undefined;
  }
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect({ host: '127.0.0.1', port });
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

async function waitFor(
  what: string,
  test: () => boolean | Promise<boolean>,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await test())) {
    if (Date.now() > deadline)
      throw new Error(`scale fleet: timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function run(file: string, args: string[]): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(file, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', (err) => resolve({ code: -1, stderr: String(err) }));
    child.on('close', (code) => resolve({ code: code ?? -1, stderr }));
  });
}

export function scaleDefaults(hosts: number): { dir: string; portBase: number } {
  return {
    dir: process.env.SCALE_DIR ?? `/tmp/fleetdeck-scale-${hosts}`,
    portBase: Number(process.env.SCALE_PORT_BASE ?? 24000),
  };
}

/** Starts (or restarts) the scale fleet; resolves once every sshd accepts and every socket answers. */
export async function startScaleFleet(opts: ScaleOptions): Promise<ScaleFleet> {
  if (process.getuid?.() !== 0) throw new Error('the scale fleet needs root (it starts sshd), like the lab');
  if (!existsSync(SSHD)) throw new Error(`${SSHD} missing — apt-get install openssh-server`);
  const defaults = scaleDefaults(opts.hosts);
  const dir = opts.dir ?? defaults.dir;
  const portBase = opts.portBase ?? defaults.portBase;
  const containers = opts.containers ?? 50;
  const eventIntervalMs = opts.eventIntervalMs ?? 5000;
  await stopScaleFleet(dir);
  for (const sub of ['keys', 'sock', 'hosts', 'run']) mkdirSync(join(dir, sub), { recursive: true });
  mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });

  const clientKey = join(dir, 'id_ed25519');
  writeFileSync(join(dir, 'authorized_keys'), `${await keyPair(clientKey, 'fleetdeck-scale')}\n`, {
    mode: 0o600,
  });
  const hosts: ScaleHost[] = Array.from({ length: opts.hosts }, (_, i) => ({
    index: i,
    name: hostName(i),
    port: portBase + i,
    socket: join(dir, 'sock', `h${i}.sock`),
    sshdPidFile: join(dir, 'run', `sshd-${i}.pid`),
    sshdConfig: join(dir, 'hosts', `sshd-${i}.conf`),
  }));
  const keygen = new Semaphore(8);
  const hostKeys = await Promise.all(
    hosts.map((h) => keygen.run(() => keyPair(join(dir, 'keys', h.name), h.name))),
  );
  const known = hosts.map((h, i) => `[127.0.0.1]:${h.port} ${hostKeys[i]!.split(' ').slice(0, 2).join(' ')}`);
  for (const h of hosts) writeFileSync(h.sshdConfig, sshdConfig(dir, h));
  const knownHosts = join(dir, 'known_hosts');
  const sshConfig = join(dir, 'ssh_config');
  writeFileSync(
    sshConfig,
    '# ssh_config of the fleetdeck scale fleet (fleet.yaml sshConfig:, i.e. ssh -F): deliberately empty\n',
  );
  writeFileSync(knownHosts, `${known.join('\n')}\n`);

  // The fake daemons first: an sshd that accepted before its socket answers would fail a probe.
  const apiConfig = join(dir, 'api.json');
  const readyFile = join(dir, 'run', 'api.ready');
  rmSync(readyFile, { force: true });
  writeFileSync(
    apiConfig,
    JSON.stringify({
      hosts: hosts.map((h) => ({ index: h.index, name: h.name, socket: h.socket, rootDir: dir })),
      containers,
      eventIntervalMs,
      readyFile,
      controlSocket: join(dir, 'sock', 'control.sock'),
    }),
  );
  const log = openSync(join(dir, 'api.log'), 'a');
  const api = spawn(process.execPath, [API_SERVER, apiConfig], {
    detached: true,
    stdio: ['ignore', log, log],
  });
  writeFileSync(join(dir, 'run', 'api.pid'), `${api.pid}\n`);
  api.unref();
  await waitFor('the fake Docker daemons (api.log)', () => existsSync(readyFile), 30_000);

  const starts = new Semaphore(32);
  const failures: string[] = [];
  await Promise.all(
    hosts.map((h) =>
      starts.run(async () => {
        if (await portOpen(h.port)) {
          failures.push(
            `${h.name}: port ${h.port} is taken by another program (another scale fleet? "npx tsx test/scale/scale.ts down N") — or set SCALE_PORT_BASE`,
          );
          return;
        }
        // sshd daemonizes itself: it outlives this process, as the lab's do, until stopScaleFleet.
        const r = await run(SSHD, ['-f', h.sshdConfig, '-E', join(dir, 'run', `sshd-${h.index}.log`)]);
        if (r.code !== 0) failures.push(`${h.name}: sshd exited ${r.code}: ${r.stderr.trim()}`);
      }),
    ),
  );
  if (failures.length > 0) {
    await stopScaleFleet(dir);
    throw new Error(
      `scale fleet: ${failures.length} sshd did not start:\n${failures.slice(0, 5).join('\n')}`,
    );
  }
  await waitFor(
    'every sshd to accept',
    async () => (await Promise.all(hosts.map((h) => portOpen(h.port)))).every(Boolean),
    60_000,
  );

  const fleet: ScaleFleet = {
    dir,
    hosts,
    clientKey,
    knownHosts,
    containers,
    eventIntervalMs,
    fleetFile: join(dir, 'fleet.yaml'),
    inventory: {
      labDir: dir,
      clientKey,
      knownHosts,
      fleetFile: join(dir, 'fleet.yaml'),
      portBase,
      hosts: hosts.map((h) => ({
        name: h.name,
        port: h.port,
        dockerSocket: h.socket,
        sshdPidFile: h.sshdPidFile,
        sshdConfig: h.sshdConfig,
        dockerdPidFile: join(dir, 'run', 'api.pid'),
        storageDriver: 'overlay2',
        dataRoot: dir,
      })),
    },
    writeFleetFile(name, o = {}) {
      const file = join(dir, name);
      // As the lab's: the hosts are in nobody's ~/.ssh/config, and the runner's must not apply.
      const lines = [`sshConfig: ${sshConfig}`, `knownHostsFile: ${knownHosts}`];
      if (o.concurrency !== undefined) lines.push('connect:', `  concurrency: ${o.concurrency}`);
      lines.push('hosts:');
      for (const h of o.hosts ?? hosts) {
        lines.push(
          `  - name: ${h.name}`,
          `    ssh: root@127.0.0.1:${h.port}`,
          `    identityFile: ${clientKey}`,
          `    socket: ${h.socket}`,
          '    group: scale',
        );
      }
      writeFileSync(file, `${lines.join('\n')}\n`);
      return file;
    },
    counters: () => readCounters(join(dir, 'sock', 'control.sock')),
    stop: () => stopScaleFleet(dir),
  };
  fleet.writeFleetFile('fleet.yaml');
  writeFileSync(join(dir, 'inventory.json'), `${JSON.stringify(fleet.inventory, null, 2)}\n`);
  return fleet;
}

/** Stops what a scale fleet at `dir` started (by its pidfiles), sessions included. */
export async function stopScaleFleet(dir: string): Promise<void> {
  const pids: number[] = [];
  const api = livePid(join(dir, 'run', 'api.pid'), 'node');
  if (api !== undefined) pids.push(api);
  const runDir = join(dir, 'run');
  if (existsSync(runDir)) {
    for (
      let i = 0;
      existsSync(join(runDir, `sshd-${i}.pid`)) || existsSync(join(dir, 'hosts', `sshd-${i}.conf`));
      i++
    ) {
      const pid = livePid(join(runDir, `sshd-${i}.pid`), 'sshd');
      if (pid !== undefined) pids.push(pid, ...sessionsOf(pid));
      rmSync(join(runDir, `sshd-${i}.pid`), { force: true });
    }
  }
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
  await waitFor(
    'the scale fleet to stop',
    () => pids.every((p) => !existsSync(`/proc/${p}`) || zombie(p)),
    20_000,
  ).catch(() =>
    pids.forEach((p) => {
      try {
        process.kill(p, 'SIGKILL');
      } catch {
        /* gone */
      }
    }),
  );
  rmSync(join(dir, 'inventory.json'), { force: true });
}

function zombie(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.startsWith('Z') ?? true;
  } catch {
    return true;
  }
}

/** An sshd listener's per-connection children (so that stopping a host drops its sessions). */
function sessionsOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}
