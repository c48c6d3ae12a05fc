import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ActionExecutor, ActionService, MemoryAudit, type SwarmOpPlan } from '../../../src/actions/index.js';
import type { HostMutations } from '../../../src/docker/mutations/index.js';
import { FleetStore } from '../../../src/fleet/store.js';
import { joinableHosts } from '../../../src/fleet/swarm/joinable.js';
import { prodState, prodView } from '../ui/swarm-fixture.js';

/** The dashboard's action service: swarm actions on a row plan from the sources' state. */
function service(readOnly: boolean) {
  const sent: string[] = [];
  const manager = {
    host: 'prod-manager-1',
    swarm: {
      node: () => Promise.resolve({ id: 'id-w2', version: 7, spec: { Availability: 'active' } }),
      updateNode: (id: string, version: number, spec: { Availability?: string }) => {
        sent.push(`node ${id} v${version} ${spec.Availability}`);
        return Promise.resolve();
      },
    },
  } as unknown as HostMutations;
  const hosts = (name: string): HostMutations => {
    if (name !== 'prod-manager-1') throw new Error(`no host ${name}`);
    return manager;
  };
  const audit = new MemoryAudit();
  const journalDir = mkdtempSync(join(tmpdir(), 'fd-swarm-dash-'));
  const executor = new ActionExecutor({ readOnly, hosts, audit, journalDir });
  const svc = new ActionService({
    executor,
    hosts,
    hostNames: [],
    journalDir,
    swarmStates: () => [prodState()],
  });
  return { svc, sent, audit };
}

describe('swarm actions from the dashboard', () => {
  it('plans a drain of a node row from the swarm state: the tasks that move, the name to type', async () => {
    const { svc } = service(false);
    const { plan } = await svc.plan('node-drain', { kind: 'node', swarm: 'prod', node: 'id-w2' });
    const p = plan as SwarmOpPlan;
    expect(p.kind).toBe('node-drain');
    expect(p.manager).toBe('prod-manager-1');
    expect(p.moving.map((m) => m.name).sort()).toEqual(['api.2', 'web.2', 'web.3']);
    expect(p.confirmation).toEqual({
      mode: 'type',
      text: 'w2',
      prompt: 'type the node name "w2" to drain it',
    });
  });

  it('plans a scale with the replicas asked; refuses a service no swarm read has', async () => {
    const { svc } = service(false);
    const { plan } = await svc.plan(
      'swarm-scale',
      { kind: 'service', swarm: 'prod', service: 'web' },
      { replicas: 1 },
    );
    expect((plan as SwarmOpPlan).replicas).toBe(1);
    await expect(
      svc.plan('swarm-scale', { kind: 'service', service: 'nope' }, { replicas: 1 }),
    ).rejects.toThrow('no service "nope" in the swarms read (prod)');
    await expect(svc.plan('swarm-scale', { kind: 'node', node: 'w1' }, { replicas: 1 })).rejects.toThrow(
      'swarm-scale takes a service, not node w1',
    );
  });

  it('runs through the executor: sent when confirmed; refused in read-only, nothing sent, audited', async () => {
    const live = service(false);
    const { plan } = await live.svc.plan('node-activate', { kind: 'node', swarm: 'prod', node: 'w2' });
    expect((await live.svc.run(plan, { confirm: true })).result).toBe('ok');
    expect(live.sent).toEqual(['node id-w2 v7 active']);

    const ro = service(true);
    const planned = await ro.svc.plan('node-drain', { kind: 'node', swarm: 'prod', node: 'w2' });
    expect((await ro.svc.run(planned.plan, { confirm: 'w2' })).result).toBe('refused');
    expect(ro.sent).toEqual([]);
    expect(ro.audit.entries.map((e) => e.result)).toEqual(['refused']);
  });
});

describe('swarms in the store', () => {
  it('starts each fleet-file swarm as connecting and replaces its view on each report', () => {
    const store = new FleetStore([], { swarms: ['prod'], clock: { now: () => 5 } });
    expect(store.getSnapshot().swarms).toEqual([{ name: 'prod', status: { state: 'connecting', since: 5 } }]);
    store.setSwarm(prodView());
    expect(store.getSnapshot().swarms?.[0]?.state?.nodes).toHaveLength(3);
    store.setSwarm({ ...prodView(), name: 'unknown' });
    expect(store.getSnapshot().swarms?.map((s) => s.name)).toEqual(['prod']);
  });

  it('joins hosts to nodes by the SSH host of their address and their own node id', () => {
    expect(
      joinableHosts([
        { name: 'a', address: 'deploy@10.0.0.5:22', state: 'up', since: 0 },
        {
          name: 'b',
          address: 'unix:///var/run/docker.sock',
          state: 'up',
          since: 0,
          docker: {
            serverVersion: '24',
            apiVersion: '1.43',
            swarm: { state: 'active', isManager: false, nodeId: 'n7' },
          },
        },
      ]),
    ).toEqual([
      { name: 'a', sshHost: '10.0.0.5' },
      { name: 'b', nodeId: 'n7' },
    ]);
  });
});
