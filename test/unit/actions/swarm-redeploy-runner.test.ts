import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planOf } from './plan-of.js';
import {
  ActionExecutor,
  ActionService,
  MemoryAudit,
  type ActionProgress,
  type SwarmRedeployPlan,
} from '../../../src/actions/index.js';
import { ActionCancelled } from '../../../src/actions/cancel.js';
import type { HostMutations } from '../../../src/docker/mutations/index.js';
import { details, type FakeMutations } from './fake-mutations.js';
import { FakeSwarm, swarmHost, task } from './swarm-fake.js';

function fleet(opts: { readOnly?: boolean; roleLabel?: string; manager?: boolean } = {}) {
  const swarm = new FakeSwarm('lab-1');
  if (opts.manager === false) swarm.membershipOf = { state: 'active', isManager: false };
  const hosts = new Map<string, HostMutations>([
    ['lab-0', swarmHost('lab-0', undefined, [details('lab-0', 'web-1', { labels: { role: 'web' } })])],
    ['lab-1', swarmHost('lab-1', swarm, [], opts.roleLabel)],
  ]);
  const hostsOf = (name: string): HostMutations => hosts.get(name)!;
  const journalDir = mkdtempSync(join(tmpdir(), 'fd-swarm-'));
  const audit = new MemoryAudit();
  let clock = 1_000_000;
  const executor = new ActionExecutor({
    readOnly: opts.readOnly ?? false,
    hosts: hostsOf,
    audit,
    journalDir,
    user: 'ops',
    machine: 'desk',
    now: () => clock,
    // Polls advance a fake clock: no real waiting.
    sleep: (ms, signal) => {
      if (signal?.aborted) return Promise.reject(new ActionCancelled());
      clock += ms;
      return Promise.resolve();
    },
  });
  const svc = new ActionService({ executor, hosts: hostsOf, hostNames: ['lab-0', 'lab-1'], journalDir });
  return { swarm, svc, audit, hosts };
}

async function planApi(svc: ActionService, role = 'api'): Promise<SwarmRedeployPlan> {
  const plan = await planOf(svc, 'redeploy', `role:${role}`, {
    image: 'tiny:v2',
    batch: '1',
    waitSeconds: 1,
    healthTimeoutSeconds: 5,
  });
  if (!('via' in plan)) throw new Error(`expected a Swarm plan, got ${plan.summary}`);
  return plan;
}

describe('Swarm redeploy through the executor', () => {
  it('updating → completed: one update with the read version, progress from UpdateStatus, ok, one audit line', async () => {
    const { swarm, svc, audit } = fleet();
    swarm.script = [
      { onNew: 0 },
      { state: 'updating', message: 'update in progress', onNew: 1 },
      { state: 'updating', message: 'update in progress', onNew: 3 },
      { state: 'completed', message: 'update completed', onNew: 3 },
    ];
    const plan = await planApi(svc);
    const progress: ActionProgress[] = [];
    const outcome = await svc.run(plan, { confirm: 'api', onProgress: (p) => progress.push(p) });
    expect(outcome.result).toBe('ok');
    expect(outcome.message).toBe('role api (Swarm service api on lab-1) now runs tiny:v2 on 3 tasks');
    expect(
      swarm.updates.map((u) => [u.version, u.rollback, u.spec.TaskTemplate?.ContainerSpec?.Image]),
    ).toEqual([[42, false, 'tiny:v2']]);
    expect(swarm.updates[0]!.spec.UpdateConfig).toEqual({
      Parallelism: 1,
      Delay: 1e9,
      FailureAction: 'rollback',
      Monitor: 5e9,
      MaxFailureRatio: 0,
      Order: 'start-first',
    });
    expect(progress.map((p) => `${p.host}: ${p.message}`)).toEqual([
      'lab-1: service api: update accepted — 0/3 running tasks on tiny:v2',
      'lab-1: service api: updating (update in progress) — 1/3 running tasks on tiny:v2',
      'lab-1: service api: updating (update in progress) — 3/3 running tasks on tiny:v2',
      'lab-1: service api: completed (update completed) — 3/3 running tasks on tiny:v2',
    ]);
    expect(audit.entries).toEqual([
      expect.objectContaining({
        action: 'redeploy',
        target: 'role:api',
        hosts: ['lab-1'],
        result: 'ok',
        params: { image: 'tiny:v2', batch: 1, waitSeconds: 1, healthTimeoutSeconds: 5, swarmService: 'api' },
      }),
    ]);
  });

  it('a task node under hosts: without the image gets it loaded from a fleet host before the update', async () => {
    const { swarm, svc, hosts } = fleet();
    const node = hosts.get('lab-1') as FakeMutations;
    node.images_.delete('tiny:v2');
    swarm.script = [{ onNew: 0 }, { state: 'completed', message: 'update completed', onNew: 3 }];
    const plan = await planApi(svc);
    expect(plan.loads).toEqual([{ image: 'tiny:v2', from: 'lab-0', to: 'lab-1' }]);
    const outcome = await svc.run(plan, { confirm: 'api' });
    expect(outcome.result).toBe('ok');
    expect(node.calls).toContain('load');
    expect(await node.imagePresent('tiny:v2')).toBe(true);
    expect(swarm.updates).toHaveLength(1);
  });

  it('updating → rollback_completed: failed, with the reason the swarm gave and the failing task', async () => {
    const { swarm, svc, audit } = fleet();
    const failed = task(1, 'tiny:v2', {
      id: 'task-bad',
      state: 'failed',
      desiredState: 'shutdown',
      error: 'task: non-zero exit (137): dockerexec: unhealthy container',
      since: 99,
    });
    swarm.script = [
      { state: 'updating', message: 'update in progress', onNew: 0 },
      {
        state: 'rollback_started',
        message: 'update rolled back due to failure or early termination of task task-bad',
        onNew: 0,
        failed: [failed],
      },
      { state: 'rollback_completed', message: 'rollback completed', onNew: 0 },
    ];
    const outcome = await svc.run(await planApi(svc), { confirm: 'api' });
    expect(outcome.result).toBe('failed');
    expect(outcome.message).toBe(
      'Swarm rolled service api on lab-1 back to tiny:latest: update rolled back due to failure or early termination of task task-bad\n' +
        '  api.1 (tiny:v2): task: non-zero exit (137): dockerexec: unhealthy container\n' +
        '  fix tiny:v2 (or its health check) and redeploy again',
    );
    expect(audit.entries.map((e) => [e.action, e.result])).toEqual([['redeploy', 'failed']]);
  });

  it('a paused update fails with its message and what to do', async () => {
    const { swarm, svc } = fleet();
    swarm.script = [
      { state: 'paused', message: 'update paused due to failure or early termination of task x', onNew: 1 },
    ];
    const outcome = await svc.run(await planApi(svc), { confirm: 'api' });
    expect(outcome.result).toBe('failed');
    expect(outcome.message).toContain(
      'Swarm paused service api on lab-1: update paused due to failure or early termination of task x',
    );
    expect(outcome.message).toContain('`docker service rollback api` on lab-1');
  });

  it('an update that never settles fails after its time budget, leaving the swarm to go on', async () => {
    const { swarm, svc } = fleet();
    swarm.script = [{ state: 'updating', message: 'update in progress', onNew: 1 }];
    const outcome = await svc.run(await planApi(svc), { confirm: 'api' });
    expect(outcome.result).toBe('failed');
    // 60 s + 3 tasks × (1 s wait + 5 s monitor + 60 s slack)
    expect(outcome.message).toBe(
      'lab-1: Swarm service api is still updating after 258 s — the swarm goes on by itself; follow it with `docker service ps api` on lab-1',
    );
    expect(swarm.updates).toHaveLength(1);
  });

  it('a service changed since the plan is not updated', async () => {
    const { swarm, svc } = fleet();
    const plan = await planApi(svc);
    swarm.current = { ...swarm.current, version: 43 };
    const outcome = await svc.run(plan, { confirm: 'api' });
    expect(outcome.result).toBe('failed');
    expect(outcome.message).toBe(
      'lab-1: Swarm service api changed since the plan (version 42 → 43) — nothing was changed; plan the redeploy again',
    );
    expect(swarm.updates).toEqual([]);
  });

  it('read-only and unconfirmed runs send nothing', async () => {
    const ro = fleet({ readOnly: true });
    const plan = await planApi(ro.svc);
    expect((await ro.svc.run(plan, { confirm: 'api' })).result).toBe('refused');
    const unconfirmed = fleet();
    expect((await unconfirmed.svc.run(await planApi(unconfirmed.svc), { confirm: true })).result).toBe(
      'refused',
    );
    expect([...ro.swarm.calls, ...unconfirmed.swarm.calls].filter((c) => c.startsWith('update'))).toEqual([]);
  });

  it('cancel mid-update asks the swarm to roll back and waits for it', async () => {
    const { swarm, svc } = fleet();
    const cancel = new AbortController();
    swarm.script = [{ state: 'updating', message: 'update in progress', onNew: 1 }];
    const outcome = await svc.run(await planApi(svc), {
      confirm: 'api',
      signal: cancel.signal,
      onProgress: (p) => {
        if (p.message.includes('1/3')) cancel.abort();
      },
    });
    expect(outcome.result).toBe('cancelled');
    expect(swarm.updates.map((u) => [u.version, u.rollback])).toEqual([
      [42, false],
      [43, true],
    ]);
    expect(outcome.message).toBe(
      'redeploy of role:api: cancelled by the operator — Swarm service api on lab-1: rollback completed',
    );
  });
});

describe('which roles are Swarm services', () => {
  it('a role is a service by its name, or by the role label on its task containers; other roles stay containers', async () => {
    expect((await planApi(fleet().svc)).service.name).toBe('api');
    const byLabel = await planApi(fleet({ roleLabel: 'backend' }).svc, 'backend');
    expect(byLabel.steps[0]).toContain('its task containers carry the role label backend');
    const plain = await planOf(fleet().svc, 'redeploy', 'role:web', { image: 'tiny:v2' });
    expect('via' in plain).toBe(false);
  });

  it('tasks of a service with no manager in the fleet are refused, not replaced one by one', async () => {
    const { svc } = fleet({ manager: false });
    await expect(planOf(svc, 'redeploy', 'role:api', { image: 'tiny:v2' })).rejects.toThrow(
      /^role api runs as Swarm service api \(tasks on lab-1\), but no host of the fleet is a Swarm manager/,
    );
  });
});
