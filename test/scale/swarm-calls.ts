/*
 * The scale figure of a Swarm source: manager API calls per minute a dashboard makes at 1,000
 * nodes and 5,000 tasks, against a Swarm-API fake of that size (no daemon, a manual clock: the
 * count is of requests, which is what the manager pays for, not of wall time).
 *
 *   npx tsx test/scale/swarm-calls.ts [--nodes 1000] [--tasks 5000] [--services 50]
 *
 * Traffic in the simulated minute: one service update event every 10 s and one node event (a
 * drain, say) in the minute, on top of the 30 s running-task backstop.
 */
import { createSwarmReader } from '../../src/docker/swarm-read.js';
import { SwarmSource } from '../../src/fleet/swarm/swarm-source.js';
import { ManualClock } from '../support/manual-clock.js';
import {
  FakeSwarmManager,
  rawNode,
  rawService,
  rawTask,
  type SwarmWorld,
} from '../unit/swarm/swarm-api-fake.js';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

const NODES = arg('nodes', 1000);
const TASKS = arg('tasks', 5000);
const SERVICES = arg('services', 50);
/** What "a dashboard at 1,000 nodes" may cost its manager: well under one request a second. */
const TARGET_PER_MINUTE = 60;

const world: SwarmWorld = {
  clusterId: 'c',
  nodes: Array.from({ length: NODES }, (_, i) => rawNode(`n${i}`, { manager: i < 3, leader: i === 0 })),
  services: Array.from({ length: SERVICES }, (_, s) => rawService(`s${s}`, `svc-${s}`, TASKS / SERVICES)),
  tasks: Array.from({ length: TASKS }, (_, t) =>
    rawTask(`t${t}`, `s${t % SERVICES}`, `n${t % NODES}`, { slot: t }),
  ),
};
const clock = new ManualClock(0);
const managers = [0, 1, 2].map((i) => new FakeSwarmManager(`m${i}`, `n${i}`, world));
const source = new SwarmSource('scale', managers.map(createSwarmReader), { clock });

async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
}

source.start();
await source.ready();
const startup = managers.reduce((n, m) => n + m.calls.length, 0);
for (const m of managers) m.calls.length = 0;

for (let second = 1; second <= 60; second++) {
  if (second % 10 === 0) managers[0]!.emit('service', 'update', `s${second % SERVICES}`);
  if (second === 30) managers[0]!.emit('node', 'update', 'n500');
  clock.advance(1000);
  await settle();
}
// The node event's follow-up re-lists (3 s and 10 s later) fall inside the minute too.
source.stop();

const perMinute = managers.reduce((n, m) => n + m.calls.length, 0);
const byPath = new Map<string, number>();
for (const c of managers.flatMap((m) => m.calls)) {
  const key = c.replace(/\/(nodes|services)\/[^?]+/, '/$1/ID').replace(/\?.*/, '?…');
  byPath.set(key, (byPath.get(key) ?? 0) + 1);
}
const runningBytes = Buffer.byteLength(JSON.stringify(world.tasks));
console.log(`swarm source at ${NODES} nodes, ${TASKS} tasks, ${SERVICES} services`);
console.log(`  start-up: ${startup} manager API calls (info ×3, nodes, events, services, tasks)`);
console.log(
  `  steady minute: ${perMinute} manager API calls — ${[...byPath].map(([k, v]) => `${k} ×${v}`).join(', ')}`,
);
console.log(
  `  one running-task list: ${(runningBytes / 1024 / 1024).toFixed(1)} MiB of JSON (cap 16 MiB per answer)`,
);
console.log(
  `  target ≤ ${TARGET_PER_MINUTE} calls/min: ${perMinute <= TARGET_PER_MINUTE ? 'met' : 'MISSED'}`,
);
