/*
 * Records the Docker Engine API payloads the scale fleet serves, off a real lab dockerd, into
 * test/fixtures/docker-api/. Run once (root, like the lab):
 *
 *   npx tsx test/scale/record.ts            # starts a 1-host lab of its own, records, stops it
 *   FLEETDECK_LAB_DIR=.lab npx tsx test/scale/record.ts   # or records host 0 of a running lab
 *
 * What it records (host 0's socket, directly, as root): /_ping with its headers, /version, /info,
 * the container list, every container's inspect, one-shot stats of a running and an exited
 * container, /system/df, a log tail with multiplexed frames, and two /events streams side by side —
 * one unfiltered and one with fleetdeck's daemon-side filter (EVENT_FILTERS) — while it drives the
 * lifecycle events fleetdeck handles (restart, pause/unpause, rename, kill, create/start/die/destroy,
 * an image tag/untag, a health check flipping). Whatever it changes on the lab it puts back.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { eventFiltersParam } from '../../src/fleet/events/daemon-filter.js';
import { readInventory } from '../support/lab-inventory.js';
import { REPO_ROOT, runLabScript } from '../support/lab-script.js';

const exec = promisify(execFile);
const OUT = join(REPO_ROOT, 'test/fixtures/docker-api');
const API = '/v1.41';

interface Recorded {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

function get(socketPath: string, path: string): Promise<Recorded> {
  return new Promise((resolve, reject) => {
    const req = request({ socketPath, path, method: 'GET', headers: { Host: 'docker' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: flatHeaders(res.headers),
          body: Buffer.concat(chunks),
        }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

function flatHeaders(h: NodeJS.Dict<string | string[]>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) if (v !== undefined && k !== 'date') out[k] = String(v);
  return out;
}

const json = async (socketPath: string, path: string): Promise<unknown> => {
  const r = await get(socketPath, path);
  if (r.status !== 200) throw new Error(`GET ${path}: ${r.status} ${r.body.toString()}`);
  return JSON.parse(r.body.toString('utf8'));
};

/** An /events stream kept open: every message with the ms it arrived after `t0`. */
function openEvents(socketPath: string, query: string, t0: number) {
  const events: Array<{ at: number; message: unknown }> = [];
  let headers: Record<string, string> = {};
  let buffer = '';
  const req = request(
    { socketPath, path: `${API}/events?${query}`, method: 'GET', headers: { Host: 'docker' } },
    (res) => {
      headers = flatHeaders(res.headers);
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let nl: number;
        while ((nl = buffer.indexOf('\n')) >= 0) {
          const line = buffer.slice(0, nl).trim();
          buffer = buffer.slice(nl + 1);
          if (line) events.push({ at: Math.round(performance.now() - t0), message: JSON.parse(line) });
        }
      });
    },
  );
  req.on('error', () => undefined);
  req.end();
  return {
    events,
    headers: () => headers,
    close: () => req.destroy(),
  };
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(what: string, test: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await test())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await pause(200);
  }
}

async function main(): Promise<void> {
  const named = process.env.FLEETDECK_LAB_DIR;
  const ownDir = '/tmp/fleetdeck-scale-record';
  const ownPort = 23990;
  let labDir = named ?? ownDir;
  if (!named || !existsSync(join(named, 'inventory.json'))) {
    labDir = ownDir;
    process.env.LAB_BTRFS = '0'; // record the common overlay2 host, not the lab's btrfs host 0
    const up = await runLabScript(ownDir, ownPort, ['up', '1']);
    if (up.code !== 0) throw new Error(`lab.sh up 1 failed:\n${up.stderr}`);
  }
  const lab = readInventory(labDir);
  const host = lab.hosts[0]!;
  const sock = host.dockerSocket;
  const docker = (...args: string[]) => exec('docker', ['-H', `unix://${sock}`, ...args]);
  const inspectState = async (name: string) =>
    JSON.parse((await docker('inspect', '--format', '{{json .State}}', name)).stdout) as {
      Health?: { Status?: string };
    };
  await waitFor('the healthy container to be healthy', async () => {
    return (await inspectState('healthy')).Health?.Status === 'healthy';
  });

  mkdirSync(OUT, { recursive: true });
  const write = (file: string, data: unknown) =>
    writeFileSync(join(OUT, file), `${JSON.stringify(data, null, 2)}\n`);

  const ping = await get(sock, '/_ping');
  const version = await json(sock, `${API}/version`);
  const info = await json(sock, `${API}/info`);
  const list = (await json(sock, `${API}/containers/json?all=1`)) as Array<{ Id: string; Names: string[] }>;
  const inspect: Record<string, unknown> = {};
  for (const c of list)
    inspect[c.Names[0]!.replace(/^\//, '')] = await json(sock, `${API}/containers/${c.Id}/json`);
  const idOf = (name: string) => list.find((c) => c.Names[0] === `/${name}`)!.Id;
  const stats = {
    running: await json(sock, `${API}/containers/${idOf('web-1')}/stats?stream=false&one-shot=true`),
    exited: await json(sock, `${API}/containers/${idOf('failed')}/stats?stream=false&one-shot=true`),
  };
  const df = await json(sock, `${API}/system/df`);
  const logsQuery = 'stdout=1&stderr=1&timestamps=1&tail=40';
  const logs = await get(sock, `${API}/containers/${idOf('web-1')}/logs?${logsQuery}`);

  // Two subscriptions side by side, from the same instant: what dockerd sends with and without
  // fleetdeck's filter, while the lifecycle events fleetdeck handles happen.
  const t0 = performance.now();
  const since = Math.floor(Date.now() / 1000) - 1;
  const all = openEvents(sock, `since=${since}`, t0);
  const filters = eventFiltersParam();
  const filtered = openEvents(sock, `since=${since}&filters=${encodeURIComponent(filters)}`, t0);
  const steps: string[] = [];
  const step = async (label: string, ...args: string[]) => {
    steps.push(label);
    await docker(...args);
  };
  try {
    await pause(2500); // a health-check round or so of exec noise
    await step('docker restart -t 1 web-2', 'restart', '-t', '1', 'web-2');
    await step('docker pause siglog', 'pause', 'siglog');
    await step('docker unpause siglog', 'unpause', 'siglog');
    await step('docker kill -s HUP siglog', 'kill', '-s', 'HUP', 'siglog');
    await step('docker rename cron cron-renamed', 'rename', 'cron', 'cron-renamed');
    await step('docker rename cron-renamed cron', 'rename', 'cron-renamed', 'cron');
    await step(
      'docker run -d --name scratch-1 --network none tiny:latest sh -c "exit 2"',
      'run',
      '-d',
      '--name',
      'scratch-1',
      '--network',
      'none',
      '--label',
      'role=scratch',
      'tiny:latest',
      'sh',
      '-c',
      'sleep 0.5; exit 2',
    );
    await waitFor(
      'scratch-1 to exit',
      async () =>
        (
          await docker('ps', '-aq', '--filter', 'name=scratch-1', '--filter', 'status=exited')
        ).stdout.trim() !== '',
    );
    await step('docker rm scratch-1', 'rm', 'scratch-1');
    await step('docker exec healthy rm /tmp/ok (health check fails)', 'exec', 'healthy', 'rm', '/tmp/ok');
    await waitFor(
      'healthy to turn unhealthy',
      async () => (await inspectState('healthy')).Health?.Status === 'unhealthy',
    );
    await step(
      'docker exec healthy touch /tmp/ok (health check passes)',
      'exec',
      'healthy',
      'touch',
      '/tmp/ok',
    );
    await waitFor(
      'healthy to be healthy again',
      async () => (await inspectState('healthy')).Health?.Status === 'healthy',
    );
    await step('docker tag tiny:latest tiny:recorded', 'tag', 'tiny:latest', 'tiny:recorded');
    await step('docker rmi tiny:recorded', 'rmi', 'tiny:recorded');
    await step('docker stop -t 1 sigignore (SIGTERM ignored → SIGKILL)', 'stop', '-t', '1', 'sigignore');
    await step('docker start sigignore', 'start', 'sigignore');
    await pause(1500);
  } finally {
    all.close();
    filtered.close();
    // Put back what a step may have left behind when it failed half-way.
    await docker('unpause', 'siglog').catch(() => undefined);
    await docker('rename', 'cron-renamed', 'cron').catch(() => undefined);
    await docker('rm', '-f', 'scratch-1').catch(() => undefined);
    await docker('exec', 'healthy', 'touch', '/tmp/ok').catch(() => undefined);
    await docker('rmi', 'tiny:recorded').catch(() => undefined);
    await docker('start', 'sigignore').catch(() => undefined);
  }

  const { stdout: dockerdVersion } = await exec('dockerd', ['--version']);
  write('recording.json', {
    source:
      'Recorded by test/scale/record.ts off a fleetdeck lab host (test/lab/lab.sh: a real dockerd with the lab role containers), API v1.41',
    dockerd: dockerdVersion.trim(),
    recordedAt: new Date().toISOString(),
    storageDriver: (info as { Driver?: string }).Driver,
  });
  write('ping.json', { status: ping.status, headers: ping.headers, body: ping.body.toString('utf8') });
  write('version.json', version);
  write('info.json', info);
  write('containers.json', list);
  write('inspect.json', inspect);
  write('stats.json', stats);
  write('system-df.json', df);
  write('logs.json', {
    container: 'web-1',
    query: logsQuery,
    headers: logs.headers,
    // Multiplexed frames (8-byte header: stream, 0, 0, 0, big-endian length), as dockerd sent them.
    base64: logs.body.toString('base64'),
  });
  write('events.json', {
    steps,
    filters: JSON.parse(filters) as unknown,
    headers: all.headers(),
    unfiltered: all.events,
    filtered: filtered.events,
  });
  process.stdout.write(
    `recorded ${list.length} containers, ${all.events.length} events (${filtered.events.length} through the filter) into ${OUT}\n`,
  );
  if (labDir === ownDir && process.env.FLEETDECK_LAB_KEEP !== '1')
    await runLabScript(ownDir, ownPort, ['down']);
}

await main();
