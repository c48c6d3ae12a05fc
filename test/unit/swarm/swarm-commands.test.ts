import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import {
  nodesCommand,
  servicesCommand,
  tasksCommand,
  type SwarmCommandDeps,
} from '../../../src/app/commands/swarm.js';
import type { CommandIo } from '../../../src/app/io.js';
import type { FleetConfig } from '../../../src/config/index.js';
import { createSwarmReader } from '../../../src/docker/swarm-read.js';
import { FakeSwarmManager, labWorld, rawTask, type SwarmWorld } from './swarm-api-fake.js';

// eslint-disable-next-line no-control-regex -- the characters under test
const UNSAFE = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e]/;
const NOW = Date.parse('2026-12-02T10:05:00Z');

function captureIo(): CommandIo & { out: () => string; err: () => string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => (out += c.toString()));
  stderr.on('data', (c: Buffer) => (err += c.toString()));
  return { stdout, stderr, env: {}, now: () => NOW, out: () => out, err: () => err };
}

function depsFor(
  world: SwarmWorld,
  opts: { down?: boolean; hosts?: FleetConfig['hosts'] } = {},
): SwarmCommandDeps {
  const managers = ['m1', 'm2'].map((id, i) => new FakeSwarmManager(`prod-manager-${i + 1}`, id, world));
  if (opts.down) for (const m of managers) m.down = true;
  const config = {
    hosts: opts.hosts ?? [],
    swarms: [{ name: 'prod', managers: [] }],
    settings: {},
  } as unknown as FleetConfig;
  return {
    load: () => Promise.resolve(config),
    open: () =>
      Promise.resolve({
        swarms: [{ name: 'prod', readers: managers.map(createSwarmReader) }],
        close: () => Promise.resolve(),
      }),
  };
}

describe('fleetdeck nodes|services|tasks', () => {
  it('nodes: a table with role/leader, availability, tasks per node and the joined host', async () => {
    const io = captureIo();
    const hosts = [{ kind: 'local', name: 'host-w1', socketPath: '/s' }] as FleetConfig['hosts'];
    expect(await nodesCommand({}, io, depsFor(labWorld(), { hosts }))).toBe(0);
    const lines = io.out().trimEnd().split('\n');
    expect(lines[0]).toMatch(/^SWARM\s+NODE\s+ROLE\s+AVAILABILITY\s+STATUS\s+ENGINE\s+TASKS\s+HOST$/);
    expect(lines[2]).toMatch(/^prod\s+host-m2\s+leader\s+active\s+ready\s+20\.10\.24\s+1\/1\s+-$/);
    expect(lines[4]).toMatch(/^prod\s+host-w1\s+worker\s+active\s+ready\s+20\.10\.24\s+2\/2\s+host-w1$/);
  });

  it('nodes -o name and --no-headers', async () => {
    const io = captureIo();
    await nodesCommand({ output: 'name' }, io, depsFor(labWorld()));
    expect(io.out()).toBe('host-m1\nhost-m2\nhost-m3\nhost-w1\nhost-w2\n');
    const io2 = captureIo();
    await nodesCommand({ headers: false }, io2, depsFor(labWorld()));
    expect(io2.out().split('\n')[0]).toMatch(/^prod\s+host-m1/);
  });

  it('services --json: replicas per node, drift, last errors with their time', async () => {
    const world = labWorld();
    world.tasks.push(
      rawTask('tx', 's1', 'w2', {
        state: 'failed',
        desired: 'shutdown',
        err: 'task: non-zero exit (1)',
        at: '2026-12-02T10:02:00Z',
      }),
    );
    const io = captureIo();
    expect(await servicesCommand({ json: true }, io, depsFor(world))).toBe(0);
    const out = JSON.parse(io.out()) as { services: Array<Record<string, unknown>>; unreachable: unknown[] };
    expect(out.unreachable).toEqual([]);
    expect(out.services[0]).toMatchObject({
      swarm: 'prod',
      name: 'web',
      replicas: { desired: 6, running: 6 },
      drift: false,
      lastErrors: [
        {
          taskId: 'tx',
          hostname: 'host-w2',
          error: 'task: non-zero exit (1)',
          at: '2026-12-02T10:02:00.000Z',
        },
      ],
    });
    const table = captureIo();
    await servicesCommand({}, table, depsFor(world));
    expect(table.out()).toMatch(
      /web\s+replicated\s+6\/6\s+tiny:1\s+-\s+-\s+3m ago on host-w2: task: non-zero exit \(1\)/,
    );
  });

  it('tasks SERVICE: one line per task with its node; an unknown service names the known ones (exit 2)', async () => {
    const io = captureIo();
    await tasksCommand('web', { output: 'wide' }, io, depsFor(labWorld()));
    const lines = io.out().trimEnd().split('\n');
    expect(lines).toHaveLength(7);
    expect(lines[1]).toMatch(/^web\.1\s+t1\s+host-m1\s+running\s+running 5m\s+tiny:1\s+started\s+-$/);
    await expect(tasksCommand('wbe', {}, captureIo(), depsFor(labWorld()))).rejects.toMatchObject({
      exitCode: 2,
      message: expect.stringContaining('known: web'),
    });
  });

  it('no manager answering: exit 3, the reason on stderr', async () => {
    const io = captureIo();
    expect(await nodesCommand({}, io, depsFor(labWorld(), { down: true }))).toBe(3);
    expect(io.err()).toMatch(/^warning: swarm prod: none of its 2 manager\(s\) answered/);
  });

  it('a hostile label or error is sanitised in tables and escaped in JSON', async () => {
    const world = labWorld();
    world.nodes[0]!.Description!.Hostname = 'evil\x1b]0;x\x07\u202e';
    world.tasks.push(
      rawTask('tx', 's1', 'm1', { state: 'failed', desired: 'shutdown', err: 'boom\x1b[2J\nnext' }),
    );
    for (const run of [nodesCommand, servicesCommand]) {
      const io = captureIo();
      await run({ output: 'wide' }, io, depsFor(world));
      expect(io.out()).not.toMatch(UNSAFE);
      const json = captureIo();
      await run({ json: true }, json, depsFor(world));
      expect(json.out()).not.toMatch(UNSAFE);
    }
  });
});
