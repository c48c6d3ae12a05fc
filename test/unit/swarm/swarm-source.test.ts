import { describe, expect, it, vi } from 'vitest';
import { createSwarmReader } from '../../../src/docker/swarm-read.js';
import { SwarmSource } from '../../../src/fleet/swarm/swarm-source.js';
import { nodeRows, serviceRows } from '../../../src/fleet/swarm/swarm-rows.js';
import { ManualClock } from '../../support/manual-clock.js';
import { FakeSwarmManager, labWorld, rawTask } from './swarm-api-fake.js';

function lab() {
  const world = labWorld();
  const clock = new ManualClock(1_000);
  const managers = ['m1', 'm2', 'm3'].map(
    (id, i) => new FakeSwarmManager(`prod-manager-${i + 1}`, id, world),
  );
  const source = new SwarmSource('prod', managers.map(createSwarmReader), {
    clock,
    backoff: { initialMs: 100, maxMs: 1000, factor: 2, random: () => 0 },
  });
  return { world, clock, managers, source };
}

const perNode = (source: SwarmSource) =>
  Object.fromEntries(
    (serviceRows(source.state!)[0]?.perNode ?? []).map((n) => [n.hostname, `${n.running}/${n.desired}`]),
  );

describe('SwarmSource', () => {
  it('reads the swarm from the leader: nodes, services, running tasks, one call each', async () => {
    const { source, managers } = lab();
    source.start();
    await source.ready();
    expect(source.status).toMatchObject({ state: 'up', manager: 'prod-manager-2' });
    expect(source.state?.nodes).toHaveLength(5);
    expect(perNode(source)).toEqual({
      'host-m1': '1/1',
      'host-m2': '1/1',
      'host-m3': '1/1',
      'host-w1': '2/2',
      'host-w2': '1/1',
    });
    // /nodes from the first manager that answered (it names the leader), the rest from the leader.
    expect(managers.map((m) => m.calls.map((c) => c.split('?')[0]))).toEqual([
      ['GET /info', 'GET /nodes'],
      ['GET /info', 'GET /events', 'GET /services', 'GET /tasks'],
      ['GET /info'],
    ]);
    source.stop();
  });

  it('a drain (node event) re-reads the node and the tasks; the moved tasks show per node', async () => {
    const { source, managers, world, clock } = lab();
    source.start();
    await source.ready();
    world.nodes[3]!.Spec!.Availability = 'drain';
    for (const t of world.tasks.filter((x) => x.NodeID === 'w1')) {
      t.DesiredState = 'shutdown';
      t.Status = { ...t.Status, State: 'shutdown' };
    }
    world.tasks.push(rawTask('t7', 's1', 'w2', { slot: 4 }), rawTask('t8', 's1', 'm1', { slot: 6 }));
    managers[1]!.emit('node', 'update', 'w1', { 'availability.new': 'drain' });
    clock.advance(250);
    await vi.waitFor(() =>
      expect(source.state?.nodes.find((n) => n.id === 'w1')?.availability).toBe('drain'),
    );
    await vi.waitFor(() =>
      expect(perNode(source)).toEqual({
        'host-m1': '2/2',
        'host-m2': '1/1',
        'host-m3': '1/1',
        'host-w2': '2/2',
      }),
    );
    source.stop();
  });

  it('a failed task, which has no event, is seen at the backstop re-list with its error and time', async () => {
    const { source, world, clock } = lab();
    source.start();
    await source.ready();
    const t1 = world.tasks[0]!;
    t1.DesiredState = 'shutdown';
    t1.Status = { State: 'failed', Err: 'task: non-zero exit (1)', Timestamp: '2026-12-02T11:00:00Z' };
    world.tasks.push(rawTask('t9', 's1', 'm1', { slot: 1 }));
    clock.advance(30_000 + 250);
    await vi.waitFor(() =>
      expect(serviceRows(source.state!)[0]?.lastErrors).toEqual([
        {
          taskId: 't1',
          nodeId: 'm1',
          hostname: 'host-m1',
          error: 'task: non-zero exit (1)',
          at: Date.parse('2026-12-02T11:00:00Z'),
        },
      ]),
    );
    source.stop();
  });

  it('the manager going down fails over to the next reachable manager (the new leader)', async () => {
    const { source, managers, world } = lab();
    source.start();
    await source.ready();
    world.nodes[1]!.ManagerStatus = { Leader: false, Reachability: 'unreachable' };
    world.nodes[2]!.ManagerStatus = { Leader: true, Reachability: 'reachable' };
    world.nodes[1]!.Status = { State: 'down' };
    managers[1]!.kill();
    await vi.waitFor(() => expect(source.status).toMatchObject({ state: 'up', manager: 'prod-manager-3' }));
    expect(source.state?.nodes.find((n) => n.id === 'm2')?.status).toBe('down');
    expect(managers[2]!.subscriberCount).toBe(1);
    source.stop();
  });

  it('no manager answering: down with every reason, retried with backoff until one does', async () => {
    const { source, managers, clock } = lab();
    for (const m of managers) m.down = true;
    source.start();
    await source.ready();
    expect(source.status.state).toBe('down');
    expect(source.status.message).toMatch(/swarm prod: none of its 3 manager\(s\).*prod-manager-3/);
    managers[0]!.down = false;
    clock.advance(100);
    await vi.waitFor(() => expect(source.status).toMatchObject({ state: 'up', manager: 'prod-manager-1' }));
    source.stop();
  });
});

describe('swarm rows', () => {
  it('joins a node to a hosts: entry by node id or hostname, so it is shown once', async () => {
    const { source } = lab();
    source.start();
    await source.ready();
    const rows = nodeRows(source.state!, [
      { name: 'host-w1', sshHost: '10.9.9.9' },
      { name: 'edge', sshHost: 'host-w2.example.org' },
      { name: 'm', nodeId: 'm3' },
    ]);
    expect(rows.map((r) => [r.node.hostname, r.host ?? null, `${r.running}/${r.desired}`])).toEqual([
      ['host-m1', null, '1/1'],
      ['host-m2', null, '1/1'],
      ['host-m3', 'm', '1/1'],
      ['host-w1', 'host-w1', '2/2'],
      ['host-w2', 'edge', '1/1'],
    ]);
    source.stop();
  });

  it('image drift between running tasks is flagged', async () => {
    const { source, world } = lab();
    world.tasks[2]!.Spec = { ContainerSpec: { Image: 'tiny:2' } };
    source.start();
    await source.ready();
    expect(serviceRows(source.state!)[0]).toMatchObject({
      desired: 6,
      running: 6,
      images: ['tiny:1', 'tiny:2'],
      drift: true,
    });
    source.stop();
  });
});
