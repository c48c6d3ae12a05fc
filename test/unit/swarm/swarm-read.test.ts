import { describe, expect, it } from 'vitest';
import { chooseManager } from '../../../src/docker/swarm-manager.js';
import { mapNode, mapService, mapTask } from '../../../src/docker/swarm-map.js';
import { createSwarmReader } from '../../../src/docker/swarm-read.js';
import { FakeSwarmManager, labWorld, rawTask } from './swarm-api-fake.js';

describe('Swarm API → domain', () => {
  it('maps a manager node with its leader flag, availability, status, engine and labels', () => {
    expect(
      mapNode({
        ID: 'n1',
        Spec: { Role: 'manager', Availability: 'drain', Labels: { zone: 'b', bad: 3 as unknown as string } },
        Description: { Hostname: 'box-1', Engine: { EngineVersion: '24.0.7' } },
        Status: { State: 'down', Message: 'heartbeat failure', Addr: '10.0.0.9' },
        ManagerStatus: { Leader: true, Reachability: 'reachable', Addr: '10.0.0.9:2377' },
      }),
    ).toEqual({
      id: 'n1',
      hostname: 'box-1',
      role: 'manager',
      leader: true,
      availability: 'drain',
      status: 'down',
      statusMessage: 'heartbeat failure',
      addr: '10.0.0.9',
      engineVersion: '24.0.7',
      labels: { zone: 'b' },
      reachability: 'reachable',
      managerAddr: '10.0.0.9:2377',
    });
  });

  it('maps a service (update status, previous spec) and a failed task with its error and time', () => {
    expect(
      mapService({
        ID: 's1',
        Version: { Index: 7 },
        Spec: { Name: 'api', Mode: { Global: {} }, TaskTemplate: { ContainerSpec: { Image: 'api:2' } } },
        PreviousSpec: { Name: 'api' },
        UpdateStatus: {
          State: 'paused',
          Message: 'update paused',
          StartedAt: '2026-12-02T10:00:00Z',
          CompletedAt: '0001-01-01T00:00:00Z',
        },
      }),
    ).toEqual({
      id: 's1',
      name: 'api',
      version: 7,
      image: 'api:2',
      mode: 'global',
      updateStatus: {
        state: 'paused',
        message: 'update paused',
        startedAt: Date.parse('2026-12-02T10:00:00Z'),
      },
      hasPreviousSpec: true,
      labels: {},
    });
    expect(
      mapTask(
        rawTask('t1', 's1', 'n1', { state: 'failed', desired: 'shutdown', err: 'task: non-zero exit (1)' }),
      ),
    ).toMatchObject({
      id: 't1',
      serviceId: 's1',
      state: 'failed',
      desiredState: 'shutdown',
      error: 'task: non-zero exit (1)',
      since: Date.parse('2026-12-02T10:00:00Z'),
    });
  });
});

describe('SwarmReader', () => {
  it('reads nodes, services and filtered tasks with one GET each; the filter goes to the daemon', async () => {
    const world = labWorld();
    world.tasks.push(rawTask('old', 's1', 'w1', { state: 'failed', desired: 'shutdown' }));
    const api = new FakeSwarmManager('prod-manager-1', 'm1', world);
    const reader = createSwarmReader(api);
    expect((await reader.nodes()).map((n) => n.hostname)).toEqual([
      'host-m1',
      'host-m2',
      'host-m3',
      'host-w1',
      'host-w2',
    ]);
    expect((await reader.services()).map((s) => [s.name, s.replicas])).toEqual([['web', 6]]);
    expect(await reader.tasks({ service: 's1', desiredState: ['running'] })).toHaveLength(6);
    expect(await reader.node('gone')).toBeUndefined();
    expect(api.calls.at(-2)).toBe(
      `GET /tasks?filters=${encodeURIComponent(JSON.stringify({ service: ['s1'], 'desired-state': ['running'] }))}`,
    );
  });

  it('a worker says it is not a manager and what to do', async () => {
    const api = new FakeSwarmManager('prod-manager-1', 'w1', labWorld());
    api.worker = true;
    await expect(createSwarmReader(api).cluster()).rejects.toThrow(
      /prod-manager-1: .*not an active swarm manager/,
    );
    await expect(createSwarmReader(api).nodes()).rejects.toThrow(
      /GET \/nodes answered 503 \(This node is not a swarm manager\.\) — .*swarms:/,
    );
  });

  it('subscribes to node and service events only, filtered at the daemon', async () => {
    const api = new FakeSwarmManager('m', 'm1', labWorld());
    const seen: string[] = [];
    await createSwarmReader(api).events(
      (e) => seen.push(`${e.type} ${e.action}`),
      () => {},
    );
    api.emit('container', 'die', 'c1');
    api.emit('node', 'update', 'w1');
    api.emit('service', 'update', 's1');
    expect(seen).toEqual(['node update', 'service update']);
  });
});

describe('chooseManager', () => {
  it('prefers the leader among the managers listed', async () => {
    const world = labWorld();
    const managers = ['m1', 'm2', 'm3'].map(
      (id, i) => new FakeSwarmManager(`prod-manager-${i + 1}`, id, world),
    );
    const selection = await chooseManager('prod', managers.map(createSwarmReader));
    expect(selection.ok && selection.choice.reader.manager).toBe('prod-manager-2');
    expect(selection.ok && selection.choice.leader).toBe(true);
  });

  it('fails over to the next manager that answers when the leader is down, and says who failed', async () => {
    const world = labWorld();
    const managers = ['m1', 'm2', 'm3'].map(
      (id, i) => new FakeSwarmManager(`prod-manager-${i + 1}`, id, world),
    );
    managers[1]!.down = true;
    managers[0]!.worker = true;
    const selection = await chooseManager('prod', managers.map(createSwarmReader));
    expect(selection.ok && selection.choice.reader.manager).toBe('prod-manager-3');
    expect(selection.ok && selection.choice.leader).toBe(false);
    expect(selection.failures.map((f) => f.host)).toEqual(['prod-manager-1', 'prod-manager-2']);
  });

  it('none answering is one message naming the swarm, each manager and what to do', async () => {
    const m = new FakeSwarmManager('prod-manager-1', 'm1', labWorld());
    m.down = true;
    const selection = await chooseManager('prod', [createSwarmReader(m)]);
    expect(selection.ok).toBe(false);
    expect(!selection.ok && selection.message).toMatch(
      /^swarm prod: none of its 1 manager\(s\) answered .*prod-manager-1: ssh connection refused.* — check/,
    );
  });
});
