import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ActionExecutor, MemoryAudit } from '../../../src/actions/index.js';
import { planSwarmOp, type SwarmOp } from '../../../src/actions/planners/swarm-ops-plan.js';
import type {
  HostMutations,
  SwarmMutations,
  SwarmNodeSpec,
  SwarmService,
  SwarmServiceSpec,
  SwarmTask,
} from '../../../src/docker/mutations/index.js';
import { createSwarmReader } from '../../../src/docker/swarm-read.js';
import { readSwarmOnce } from '../../../src/fleet/swarm/read-once.js';
import { FakeSwarmManager, labWorld, rawTask, type SwarmWorld } from './swarm-api-fake.js';

/** The mutating side over the same world the reads see: an update changes what the next read says. */
class WorldSwarm implements SwarmMutations {
  readonly sent: string[] = [];
  constructor(
    readonly host: string,
    private readonly world: SwarmWorld,
  ) {}
  membership = () => Promise.resolve({ state: 'active', isManager: true });
  private svc(id: string): SwarmService {
    const raw = this.world.services.find((s) => s.ID === id)!;
    return {
      host: this.host,
      id,
      name: raw.Spec?.Name ?? id,
      version: raw.Version?.Index ?? 0,
      spec: raw.Spec as SwarmServiceSpec,
      image: raw.Spec?.TaskTemplate?.ContainerSpec?.Image ?? '',
      mode: 'replicated',
      publishedPorts: [],
    };
  }
  services = () => Promise.resolve(this.world.services.map((s) => this.svc(s.ID!)));
  service = (id: string) => Promise.resolve(this.svc(id));
  tasks = (id: string): Promise<SwarmTask[]> =>
    Promise.resolve(
      this.world.tasks
        .filter((t) => t.ServiceID === id)
        .map((t) => ({
          id: t.ID!,
          nodeId: t.NodeID!,
          image: '',
          state: t.Status?.State ?? '',
          desiredState: t.DesiredState ?? '',
          message: '',
          since: 0,
        })),
    );
  update(
    id: string,
    version: number,
    spec: SwarmServiceSpec,
    opts: { rollback?: boolean } = {},
  ): Promise<string[]> {
    this.sent.push(
      `update ${id} v${version} replicas=${spec.Mode?.Replicated?.Replicas} force=${spec.TaskTemplate?.ForceUpdate ?? 0}${opts.rollback ? ' rollback' : ''}`,
    );
    const raw = this.world.services.find((s) => s.ID === id)!;
    raw.Version = { Index: version + 1 };
    const n = spec.Mode?.Replicated?.Replicas;
    if (n !== undefined) {
      raw.Spec = { ...raw.Spec, Mode: { Replicated: { Replicas: n } } };
      const live = this.world.tasks.filter((t) => t.ServiceID === id && t.DesiredState === 'running');
      for (const t of live.slice(n)) t.DesiredState = 'shutdown';
      for (let i = live.length; i < n; i++)
        this.world.tasks.push(rawTask(`n${i}`, id, 'w2', { slot: i + 1 }));
    }
    return Promise.resolve([]);
  }
  node = (id: string) => {
    const raw = this.world.nodes.find((n) => n.ID === id)!;
    return Promise.resolve({
      id,
      hostname: raw.Description?.Hostname ?? id,
      version: 5,
      spec: { ...raw.Spec } as SwarmNodeSpec,
    });
  };
  updateNode = (id: string, version: number, spec: SwarmNodeSpec) => {
    this.sent.push(`node ${id} v${version} ${spec.Availability} labels=${JSON.stringify(spec.Labels)}`);
    this.world.nodes.find((n) => n.ID === id)!.Spec!.Availability = spec.Availability;
    for (const t of this.world.tasks.filter((x) => x.NodeID === id)) {
      t.DesiredState = 'shutdown';
      t.Status = { ...t.Status, State: 'shutdown' };
    }
    return Promise.resolve();
  };
}

async function setup(readOnly = false) {
  const world = labWorld();
  const reads = await readSwarmOnce(
    'prod',
    [createSwarmReader(new FakeSwarmManager('prod-manager-1', 'm2', world))],
    () => 0,
  );
  if (!reads.ok) throw new Error(reads.message);
  const swarm = new WorldSwarm('prod-manager-1', world);
  const audit = new MemoryAudit();
  let clock = 0;
  const executor = new ActionExecutor({
    readOnly,
    hosts: () => ({ host: 'prod-manager-1', swarm }) as unknown as HostMutations,
    audit,
    journalDir: mkdtempSync(join(tmpdir(), 'fleetdeck-swarm-ops-')),
    user: 'ops',
    machine: 'desk',
    now: () => clock,
    sleep: (ms) => {
      clock += ms;
      return Promise.resolve();
    },
  });
  return { state: reads.state, swarm, audit, executor };
}

describe('Swarm action plans', () => {
  it('a drain lists the tasks that will move and asks to type the node name', async () => {
    const { state } = await setup();
    const plan = planSwarmOp(state, { op: 'drain', node: 'w1' });
    expect(plan).toMatchObject({
      kind: 'node-drain',
      target: 'node:host-w1',
      manager: 'prod-manager-1',
      confirmation: { mode: 'type', text: 'host-w1' },
    });
    expect(plan.moving.map((m) => m.name)).toEqual(['web.4', 'web.6']);
    expect(plan.steps).toContain('web.4 (t4) moves off host-w1');
  });

  it('scale 6 → 3 names the tasks the swarm stops; a global service or a bad count is refused', async () => {
    const { state } = await setup();
    const plan = planSwarmOp(state, { op: 'scale', service: 'web', replicas: 3 });
    expect(plan.summary).toBe('scale service web of swarm prod from 6 to 3 replicas');
    expect(plan.moving.map((m) => m.name)).toEqual(['web.6', 'web.5', 'web.4']);
    expect(() => planSwarmOp(state, { op: 'scale', service: 'web', replicas: -1 })).toThrow(/whole number/);
    expect(() => planSwarmOp(state, { op: 'rollback', service: 'web' })).toThrow(/no previous spec/);
    expect(() => planSwarmOp(state, { op: 'scale', service: 'nope', replicas: 1 })).toThrow(
      /no service "nope".*known: web/,
    );
  });
});

describe('Swarm actions through the executor', () => {
  it('scale sends Replicas with the current version and follows until that many run', async () => {
    const { state, swarm, executor, audit } = await setup();
    const outcome = await executor.run(planSwarmOp(state, { op: 'scale', service: 'web', replicas: 3 }), {
      confirm: true,
    });
    expect(outcome).toMatchObject({ result: 'ok', details: { settled: true } });
    expect(swarm.sent).toEqual(['update s1 v10 replicas=3 force=0']);
    expect(audit.entries.map((e) => [e.action, e.target, e.result])).toEqual([
      ['swarm-scale', 'service:web', 'ok'],
    ]);
  });

  it('drain sends the whole node spec with availability drain and waits until nothing runs there', async () => {
    const { state, swarm, executor } = await setup();
    const plan = planSwarmOp(state, { op: 'drain', node: 'w1' });
    const outcome = await executor.run(plan, { confirm: 'host-w1' });
    expect(outcome).toMatchObject({ result: 'ok', details: { moved: 2, settled: true } });
    expect(swarm.sent).toEqual(['node w1 v5 drain labels={"zone":"a"}']);
  });

  it('read-only refuses every swarm mutation: nothing sent, one audit line each', async () => {
    const { state, swarm, executor, audit } = await setup(true);
    const ops: SwarmOp[] = [
      { op: 'scale', service: 'web', replicas: 3 },
      { op: 'force-update', service: 'web' },
      { op: 'drain', node: 'w1' },
      { op: 'activate', node: 'w1' },
    ];
    for (const op of ops) {
      const outcome = await executor.run(planSwarmOp(state, op), { confirm: true });
      expect(outcome.result).toBe('refused');
      expect(outcome.message).toMatch(/^read-only mode: .* refused — nothing was sent/);
    }
    expect(swarm.sent).toEqual([]);
    expect(audit.entries.map((e) => e.result)).toEqual(['refused', 'refused', 'refused', 'refused']);
  });
});
