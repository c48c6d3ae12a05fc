/*
 * Fan-out benchmark (issue 2): the time to a full container list across the lab's hosts.
 *   cold: from nothing to every host's list; warm: re-listing every host once connected.
 * Contenders, measured side by side in one run, each figure the median of several runs:
 *   fleetdeck        — our pool + gateways (one ssh2 connection per host, stream-local channels)
 *   floor            — a bare ssh2 connect + one raw list request per host, in parallel
 *   dockerode-ssh    — dockerode's built-in `protocol: 'ssh'` (new connection + dial-stdio per request)
 *   docker-cli-loop  — `docker -H ssh://… ps` over the hosts, one after another
 * Then the same as whole processes (fanout-whole.ts: `ps --all --json` against the floor script and the
 * CLI loop, handshake limits, the dashboard idling) and every goal with met/MISSED.
 * Run: npm run bench -- fanout   (FLEETDECK_LAB_DIR=… to use a running lab; BENCH_HOSTS=8 default)
 */
import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Dockerode from 'dockerode';
import { Client } from 'ssh2';
import { openTargets } from '../../src/app/targets.js';
import { loadFleet } from '../../src/config/index.js';
import type { LabInventory } from '../support/lab-inventory.js';
import { benchLab, median, timeIt } from './bench-lab.js';
import { wholeProcessFanout } from './fanout-whole.js';
import { ms, printGoals } from './goals.js';

const run = promisify(execFile);
const COLD_RUNS = Number(process.env.BENCH_COLD_RUNS ?? 5);
const WARM_RUNS = Number(process.env.BENCH_WARM_RUNS ?? 15);
const CLI_RUNS = Number(process.env.BENCH_CLI_RUNS ?? 3);

async function fleetdeckCold(lab: LabInventory): Promise<number> {
  const config = await loadFleet({ fleetFile: lab.fleetFile, env: {}, homedir: homedir() });
  const fleet = openTargets(config, { readOnly: true });
  const ms = await timeIt(() => Promise.all(fleet.targets.map((t) => t.api.listContainers({ all: true }))));
  await fleet.close();
  return ms;
}

async function fleetdeckWarm(lab: LabInventory): Promise<number[]> {
  const config = await loadFleet({ fleetFile: lab.fleetFile, env: {}, homedir: homedir() });
  const fleet = openTargets(config, { readOnly: true });
  const all = () => Promise.all(fleet.targets.map((t) => t.api.listContainers({ all: true })));
  await all();
  const times: number[] = [];
  for (let i = 0; i < WARM_RUNS; i++) times.push(await timeIt(all));
  await fleet.close();
  return times;
}

/** The least any SSH client must do: connect, open a stream-local channel, one HTTP request. */
function floorConnect(lab: LabInventory, port: number): Promise<Client> {
  return new Promise((resolve, reject) => {
    const c = new Client();
    // The floor gets the same socket tuning as fleetdeck (no Nagle), or it would not be a floor.
    c.on('ready', () => {
      c.setNoDelay(true);
      resolve(c);
    })
      .on('error', reject)
      .connect({ host: '127.0.0.1', port, username: 'root', privateKey: readFileSync(lab.clientKey) });
  });
}

function floorList(c: Client, socket: string): Promise<void> {
  return new Promise((resolve, reject) => {
    c.openssh_forwardOutStreamLocal(socket, (err, ch) => {
      if (err) return reject(err);
      let body = '';
      ch.on('data', (d: Buffer) => (body += d.toString()));
      ch.on('close', () => (body.includes('200 OK') ? resolve() : reject(new Error(body.slice(0, 200)))));
      ch.end('GET /v1.41/containers/json?all=1 HTTP/1.0\r\nHost: docker\r\n\r\n');
    });
  });
}

async function floorCold(lab: LabInventory): Promise<number> {
  const clients: Client[] = [];
  const ms = await timeIt(() =>
    Promise.all(
      lab.hosts.map(async (h) => {
        const c = await floorConnect(lab, h.port);
        clients.push(c);
        await floorList(c, h.dockerSocket);
      }),
    ),
  );
  for (const c of clients) c.end();
  return ms;
}

async function floorWarm(lab: LabInventory): Promise<number[]> {
  const clients = await Promise.all(lab.hosts.map((h) => floorConnect(lab, h.port)));
  const all = () => Promise.all(lab.hosts.map((h, i) => floorList(clients[i]!, h.dockerSocket)));
  await all();
  const times: number[] = [];
  for (let i = 0; i < WARM_RUNS; i++) times.push(await timeIt(all));
  for (const c of clients) c.end();
  return times;
}

function dockerodeSsh(lab: LabInventory): Dockerode[] {
  const key = readFileSync(lab.clientKey);
  return lab.hosts.map(
    (h) =>
      new Dockerode({
        protocol: 'ssh',
        host: '127.0.0.1',
        port: h.port,
        username: 'root',
        sshOptions: { privateKey: key },
      } as Dockerode.DockerOptions),
  );
}

async function dockerodeRound(lab: LabInventory): Promise<number> {
  const clients = dockerodeSsh(lab);
  return timeIt(() => Promise.all(clients.map((d) => d.listContainers({ all: true }))));
}

/** The docker CLI spawns `ssh`; a wrapper first on PATH gives it the lab's key and known_hosts. */
function cliEnv(lab: LabInventory): NodeJS.ProcessEnv {
  const dir = mkdtempSync(join(tmpdir(), 'fleetdeck-bench-ssh-'));
  const config = join(dir, 'ssh_config');
  writeFileSync(
    config,
    `Host 127.0.0.1\n  IdentityFile ${lab.clientKey}\n  UserKnownHostsFile ${lab.knownHosts}\n  StrictHostKeyChecking yes\n  BatchMode yes\n`,
  );
  const wrapper = join(dir, 'ssh');
  writeFileSync(wrapper, `#!/bin/sh\nexec /usr/bin/ssh -F ${config} "$@"\n`);
  chmodSync(wrapper, 0o755);
  return { ...process.env, PATH: `${dir}:${process.env.PATH}` };
}

async function cliLoop(lab: LabInventory, env: NodeJS.ProcessEnv): Promise<number> {
  return timeIt(async () => {
    for (const h of lab.hosts)
      await run('docker', ['-H', `ssh://root@127.0.0.1:${h.port}`, 'ps', '-a', '-q'], { env });
  });
}

async function repeat(n: number, fn: () => Promise<number>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(await fn());
  return out;
}

export async function fanoutBench(): Promise<void> {
  const { lab, teardown } = await benchLab();
  try {
    const env = cliEnv(lab);
    const n = lab.hosts.length;
    // Interleave contenders run by run so that machine load drifts hit all of them alike.
    const cold = {
      fleetdeck: [] as number[],
      floor: [] as number[],
      dockerode: [] as number[],
      cli: [] as number[],
    };
    for (let i = 0; i < COLD_RUNS; i++) {
      cold.fleetdeck.push(await fleetdeckCold(lab));
      cold.floor.push(await floorCold(lab));
      cold.dockerode.push(await dockerodeRound(lab));
      if (i < CLI_RUNS) cold.cli.push(await cliLoop(lab, env));
    }
    const warm = {
      fleetdeck: await fleetdeckWarm(lab),
      floor: await floorWarm(lab),
      dockerode: await repeat(Math.min(WARM_RUNS, 5), () => dockerodeRound(lab)),
      cli: cold.cli,
    };
    const m = (xs: number[]) => median(xs);
    const f = (x: number) => `${x.toFixed(1)} ms`.padStart(10);
    const out = process.stdout;
    out.write(`\nfan-out over ${n} lab hosts (median of ${COLD_RUNS} cold / ${WARM_RUNS} warm runs)\n\n`);
    out.write(`                   cold        warm\n`);
    for (const [name, key] of [
      ['fleetdeck', 'fleetdeck'],
      ['floor (bare ssh2)', 'floor'],
      ['dockerode ssh', 'dockerode'],
      ['docker CLI loop', 'cli'],
    ] as const) {
      out.write(`${name.padEnd(18)}${f(m(cold[key]))}  ${f(m(warm[key]))}\n`);
    }
    const coldVsFloor = m(cold.fleetdeck) / m(cold.floor);
    const coldVsCli = m(cold.cli) / m(cold.fleetdeck);
    const warmVsDockerode = m(warm.dockerode) / m(warm.fleetdeck);
    const warmVsCli = m(warm.cli) / m(warm.fleetdeck);
    const wholeGoals = await wholeProcessFanout(lab);
    printGoals(`goals over ${n} lab hosts: goal, verdict, ratio, figures`, [
      {
        goal: 'cold: fleetdeck ≤ 1.3× the floor (in process)',
        ratio: coldVsFloor,
        met: coldVsFloor <= 1.3,
        measured: `${ms(m(cold.fleetdeck))} vs ${ms(m(cold.floor))}`,
      },
      {
        goal: 'cold: ≥ 4× faster than the CLI loop (in process)',
        ratio: coldVsCli,
        met: coldVsCli >= 4,
        measured: `${ms(m(cold.fleetdeck))} vs ${ms(m(cold.cli))}`,
      },
      {
        goal: 'warm: ≥ 20× faster than dockerode ssh',
        ratio: warmVsDockerode,
        met: warmVsDockerode >= 20,
        measured: `${ms(m(warm.fleetdeck))} vs ${ms(m(warm.dockerode))}`,
      },
      {
        goal: 'warm: ≥ 50× faster than the CLI loop',
        ratio: warmVsCli,
        met: warmVsCli >= 50,
        measured: `${ms(m(warm.fleetdeck))} vs ${ms(m(warm.cli))}`,
      },
      ...wholeGoals,
    ]);
  } finally {
    await teardown();
  }
}
