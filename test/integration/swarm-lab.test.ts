import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { describeLab } from '../support/lab.js';
import { REPO_ROOT, run } from '../support/lab-script.js';
import { waitUntil } from '../support/wait.js';

const SWARM_SCRIPT = resolve(REPO_ROOT, 'test/lab/swarm.sh');

interface NodeJson {
  hostname: string;
  role: string;
  leader: boolean;
  availability: string;
  tasks: { running: number; desired: number };
}

/*
 * A real 3-manager swarm: three dockerd, each in its own network namespace on a bridge of the
 * lab's own (test/lab/swarm.sh: root, iproute2). Tasks are the lab's tiny image, imported, so
 * services are created with --no-resolve-image.
 */
describeLab('a Swarm cluster as a fleet source (lab swarm)', (lab) => {
  const env = { ...process.env, LAB_DIR: lab.labDir };
  const swarm = (args: string[], timeoutMs = 300_000) =>
    run('bash', [SWARM_SCRIPT, ...args], { env, timeoutMs });
  const fleet = join(lab.labDir, 'swarm', 'fleet.yaml');
  const dataDir = mkdtempSync(join(tmpdir(), 'fleetdeck-swarm-lab-'));
  const cli = (args: string[], extra: string[] = []) =>
    runCli([...extra, '--fleet', fleet, ...args], {
      env: { FLEETDECK_DATA_DIR: dataDir },
      timeoutMs: 200_000,
    });
  const nodes = async (): Promise<NodeJson[]> => {
    const r = await cli(['nodes', '--json']);
    if (r.code !== 0) throw new Error(`nodes --json exited ${r.code}: ${r.stderr}`);
    return (JSON.parse(r.stdout) as { nodes: NodeJson[] }).nodes;
  };
  const runningOf = async (): Promise<number> => {
    const r = await cli(['services', '--json']);
    const s = (JSON.parse(r.stdout) as { services: Array<{ name: string; replicas: { running: number } }> })
      .services;
    return s.find((x) => x.name === 'web')?.replicas.running ?? -1;
  };

  beforeAll(async () => {
    const up = await swarm(['up']);
    if (up.code !== 0) throw new Error(`swarm.sh up failed: ${up.stderr}`);
    await swarm(['docker', '0', 'service', 'rm', 'web']);
    const created = await swarm([
      'docker',
      '0',
      'service',
      'create',
      '-d',
      '--name',
      'web',
      '--replicas',
      '6',
      '--no-resolve-image',
      '--update-parallelism',
      '1',
      'tiny:latest',
      'sleep',
      '1000000',
    ]);
    if (created.code !== 0) throw new Error(`service create failed: ${created.stderr}`);
    await waitUntil(async () => (await runningOf()) === 6, 'web to run 6 tasks', 120_000, 1000);
  }, 400_000);

  afterAll(async () => {
    await swarm(['down']);
  }, 120_000);

  it('lists the 6-replica service with its tasks per node, nodes as hosts of the swarm', async () => {
    const list = await nodes();
    expect(list.map((n) => n.hostname).sort()).toEqual(['lab-swarm-n0', 'lab-swarm-n1', 'lab-swarm-n2']);
    expect(list.filter((n) => n.leader)).toHaveLength(1);
    expect(list.reduce((sum, n) => sum + n.tasks.running, 0)).toBe(6);
    const tasks = await cli(['tasks', 'web', '--json']);
    const rows = (JSON.parse(tasks.stdout) as { tasks: Array<{ hostname: string; desiredState: string }> })
      .tasks;
    expect(rows.filter((t) => t.desiredState === 'running')).toHaveLength(6);
  });

  it('scale 6 → 3 and back', async () => {
    const down = await cli(['scale', 'service:web', '3', '--yes', '--json']);
    expect(JSON.parse(down.stdout)).toMatchObject({ outcome: { result: 'ok' } });
    expect(await runningOf()).toBe(3);
    const up = await cli(['scale', 'service:web', '6', '--yes', '--json']);
    expect(JSON.parse(up.stdout)).toMatchObject({ outcome: { result: 'ok' } });
    expect(await runningOf()).toBe(6);
  });

  it('a drain moves the node’s tasks (the plan lists them); activate brings the node back', async () => {
    const before = (await nodes()).find((n) => n.hostname === 'lab-swarm-n2')!;
    const r = await cli(['drain', 'lab-swarm-n2', '--yes', '--json']);
    const out = JSON.parse(r.stdout) as { plan: { moving: unknown[] }; outcome: { result: string } };
    expect(out.outcome.result).toBe('ok');
    expect(out.plan.moving).toHaveLength(before.tasks.desired);
    await waitUntil(
      async () => (await runningOf()) === 6,
      'web back at 6 running after the drain',
      120_000,
      1000,
    );
    const after = (await nodes()).find((n) => n.hostname === 'lab-swarm-n2')!;
    expect(after).toMatchObject({ availability: 'drain', tasks: { running: 0, desired: 0 } });
    expect(JSON.parse((await cli(['activate', 'lab-swarm-n2', '--yes', '--json'])).stdout)).toMatchObject({
      outcome: { result: 'ok' },
    });
  });

  it('read-only refuses every swarm mutation, nothing changes, each refusal audited', async () => {
    const attempts = [
      ['scale', 'service:web', '2'],
      ['force-update', 'service:web'],
      ['rollback', 'service:web'],
      ['drain', 'lab-swarm-n1'],
      ['activate', 'lab-swarm-n1'],
    ];
    for (const a of attempts) {
      const r = await cli([...a, '--yes'], ['--read-only']);
      // rollback of a service never updated is refused at planning (exit 2) — also nothing sent.
      expect(r.code).toBe(2);
    }
    expect(await runningOf()).toBe(6);
    expect((await nodes()).every((n) => n.availability === 'active')).toBe(true);
    const audit = readFileSync(join(dataDir, 'audit.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { result: string });
    expect(audit.filter((l) => l.result === 'refused').length).toBeGreaterThanOrEqual(4);
  });

  it('the leader down: the next manager answers (failover)', async () => {
    const leader = (await nodes()).find((n) => n.leader)!;
    const index = leader.hostname.slice(-1);
    const stopped = await swarm(['stop', index]);
    expect(stopped.code).toBe(0);
    try {
      await waitUntil(
        async () => {
          const list = await nodes().catch(() => []);
          return list.some((n) => n.leader && n.hostname !== leader.hostname);
        },
        'another manager to answer as leader',
        120_000,
        1000,
      );
      const list = await nodes();
      expect(list.find((n) => n.hostname === leader.hostname)?.leader).toBe(false);
    } finally {
      await swarm(['start', index]);
    }
  });
});
