import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ActionExecutor,
  AuditLog,
  JournalStore,
  MemoryAudit,
  type ActionPlan,
} from '../../../src/actions/index.js';
import { planRecover } from '../../../src/actions/planners/recover-plan.js';
import { planRedeploy } from '../../../src/actions/planners/redeploy-plan.js';
import { planSignalAction } from '../../../src/actions/planners/signal-plan.js';
import {
  planRollback,
  planShip,
  planSnapshot,
  planSnapshotDelete,
} from '../../../src/actions/planners/snapshot-plan.js';
import type { RolloutJournal } from '../../../src/actions/journal.js';
import { details, FakeMutations, fleetOf } from './fake-mutations.js';

/** A virtual clock: sleeping advances it, so waits take no real time. */
function virtualClock(): { now: () => number; sleep: (ms: number) => Promise<void> } {
  let t = 1_700_000_000_000;
  return { now: () => t, sleep: (ms) => ((t += ms), Promise.resolve()) };
}

function executor(
  hosts: (n: string) => FakeMutations,
  opts: { readOnly?: boolean; journalDir?: string } = {},
) {
  const audit = new MemoryAudit();
  const ex = new ActionExecutor({
    readOnly: opts.readOnly ?? false,
    hosts,
    audit,
    journalDir: opts.journalDir ?? mkdtempSync(join(tmpdir(), 'fd-journal-')),
    user: 'ops',
    machine: 'laptop',
    ...virtualClock(),
    pollMs: 100,
  });
  return { ex, audit };
}

function everyKindOfPlan(): ActionPlan[] {
  const c = details('lab-0', 'web-1', {
    mounts: [{ type: 'volume', name: 'v', source: '/x', destination: '/data', readWrite: true }],
  });
  const journal: RolloutJournal = {
    id: 'r1',
    role: 'web',
    image: 'tiny:v2',
    user: 'ops',
    machine: 'm',
    startedAt: 't',
    state: 'running',
    waitSeconds: 1,
    healthTimeoutSeconds: 5,
    batchSize: 1,
    replicas: [],
  };
  return [
    planSignalAction({ kind: 'restart', target: 'role:web', containers: [c] }),
    planSignalAction({ kind: 'kill', target: 'web-1', signal: 'HUP', containers: [c] }),
    planSignalAction({ kind: 'stop', target: 'web-1', containers: [c] }),
    planSignalAction({ kind: 'start', target: 'web-1', containers: [c] }),
    planRedeploy({ role: 'web', image: 'tiny:v2', replicas: [c], imagePresentOn: ['lab-0'] }),
    planRecover(journal, 'rollback'),
    planSnapshot({ target: 'web-1', container: c, now: 0, withVolumes: true }),
    planSnapshotDelete({ host: 'lab-0', image: 'fleetdeck-snapshot/web-1:x' }),
    planShip({ image: 'tiny:v2', from: 'lab-0', to: 'lab-1' }),
    planRollback({
      target: 'web-1',
      container: c,
      snapshot: { id: 'sha256:s', tags: ['snap:1'], labels: {}, size: 1, created: 1 },
    }),
  ];
}

const confirmOf = (p: ActionPlan): string | boolean =>
  p.confirmation.mode === 'type' ? p.confirmation.text : true;

describe('ActionExecutor', () => {
  it('in read-only mode refuses every kind of action, confirmed or not, without touching a host', async () => {
    const plans = everyKindOfPlan();
    expect(new Set(plans.map((p) => p.kind)).size).toBe(10);
    let touched = 0;
    const { ex, audit } = executor(
      () => {
        touched++;
        throw new Error('a host was reached');
      },
      { readOnly: true },
    );
    for (const plan of plans) {
      const outcome = await ex.run(plan, { confirm: confirmOf(plan) });
      expect(outcome.result).toBe('refused');
      expect(outcome.message).toMatch(/^read-only mode: .* refused — nothing was sent/);
    }
    expect(touched).toBe(0);
    expect(audit.entries.map((e) => [e.action, e.result])).toEqual(plans.map((p) => [p.kind, 'refused']));
  });

  it('runs nothing without the confirmation the plan asks for', async () => {
    const lab0 = new FakeMutations('lab-0', [details('lab-0', 'web-1'), details('lab-0', 'web-2')]);
    const { ex, audit } = executor(fleetOf(lab0));
    const plan = planSignalAction({
      kind: 'restart',
      target: 'role:web',
      containers: [...lab0.containers.values()],
    });
    expect((await ex.run(plan, { confirm: true })).result).toBe('refused');
    expect((await ex.run(plan, { confirm: 'we' })).result).toBe('refused');
    expect(lab0.calls).toEqual([]);
    const ok = await ex.run(plan, { confirm: 'web' });
    expect(ok.result).toBe('ok');
    expect(lab0.calls).toEqual(['restart web-1', 'restart web-2']);
    expect(audit.entries.map((e) => e.result)).toEqual(['refused', 'refused', 'ok']);
  });

  it('writes a start and an end JSONL line per action with user, machine, hosts, target, params, result and duration', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fd-audit-'));
    const lab0 = new FakeMutations('lab-0', [details('lab-0', 'siglog')]);
    const ex = new ActionExecutor({
      readOnly: false,
      hosts: fleetOf(lab0),
      audit: new AuditLog(join(dir, 'audit.jsonl')),
      journalDir: dir,
      user: 'ops',
      machine: 'laptop',
      now: () => 1_700_000_000_000,
    });
    const plan = planSignalAction({
      kind: 'kill',
      target: 'lab-0/siglog',
      signal: 'USR1',
      containers: [...lab0.containers.values()],
    });
    await ex.run(plan, { confirm: 'siglog' });
    const lines = readFileSync(join(dir, 'audit.jsonl'), 'utf8').trim().split('\n');
    const run = (JSON.parse(lines[0]!) as { run: string }).run;
    const who = {
      run,
      time: '2023-11-14T22:13:20.000Z',
      user: 'ops',
      machine: 'laptop',
      hosts: ['lab-0'],
      target: 'lab-0/siglog',
      action: 'kill',
      params: { signal: 'SIGUSR1', containers: ['lab-0/siglog'] },
    };
    expect(lines.map((l) => JSON.parse(l) as unknown)).toEqual([
      { ...who, phase: 'start' },
      {
        ...who,
        phase: 'end',
        time: '2023-11-14T22:13:20.000Z',
        user: 'ops',
        machine: 'laptop',
        hosts: ['lab-0'],
        target: 'lab-0/siglog',
        action: 'kill',
        params: { signal: 'SIGUSR1', containers: ['lab-0/siglog'] },
        result: 'ok',
        message: 'kill: 1 container done',
        durationMs: 0,
      },
    ]);
    expect(lab0.calls).toEqual(['kill siglog SIGUSR1']);
  });

  it('a rolling restart stops at the first replica that does not come back, and says why', async () => {
    const lab0 = new FakeMutations('lab-0', [details('lab-0', 'web-1'), details('lab-0', 'web-2')]);
    lab0.healthOfImage = () => 'exits';
    const { ex } = executor(fleetOf(lab0));
    const plan = planSignalAction({
      kind: 'restart',
      target: 'role:web',
      containers: [...lab0.containers.values()],
    });
    const outcome = await ex.run(plan, { confirm: 'web' });
    expect(outcome.result).toBe('failed');
    expect(outcome.message.split('\n')).toEqual([
      'lab-0/web-1 exited with 3 instead of staying up — the rolling restart stopped here on lab-0',
      '    last log lines:',
      '      web-1: last line',
    ]);
    expect(lab0.calls).toEqual(['restart web-1']);
  });

  it('cancel before the run: nothing happens, the audit says cancelled', async () => {
    const lab0 = new FakeMutations('lab-0', [details('lab-0', 'web-1')]);
    const { ex, audit } = executor(fleetOf(lab0));
    const plan = planSignalAction({
      kind: 'stop',
      target: 'web-1',
      containers: [...lab0.containers.values()],
    });
    const outcome = await ex.run(plan, { confirm: 'web-1', signal: AbortSignal.abort() });
    expect(outcome.result).toBe('cancelled');
    expect(lab0.calls).toEqual([]);
    expect(audit.entries[0]?.result).toBe('cancelled');
  });
});

describe('redeploy through the executor', () => {
  function fleet(): FakeMutations[] {
    return ['lab-0', 'lab-1', 'lab-2'].map(
      (h) => new FakeMutations(h, [details(h, 'web-1'), details(h, 'web-2')]),
    );
  }
  const plan = (hosts: FakeMutations[], batch = '1') =>
    planRedeploy({
      role: 'web',
      image: 'tiny:v2',
      batch,
      waitSeconds: 0,
      replicas: hosts.flatMap((h) => [...h.containers.values()]),
      imagePresentOn: hosts.map((h) => h.host),
    });

  it('replaces every replica start-first, removes the old ones and the lock, leaves no journal', async () => {
    const hosts = fleet();
    const journalDir = mkdtempSync(join(tmpdir(), 'fd-journal-'));
    const { ex } = executor(fleetOf(...hosts), { journalDir });
    const outcome = await ex.run(plan(hosts), { confirm: 'web' });
    expect(outcome.result).toBe('ok');
    for (const h of hosts) {
      expect([...h.containers.values()].map((c) => `${c.name} ${c.image} ${c.state}`).sort()).toEqual([
        'web-1 tiny:v2 running',
        'web-2 tiny:v2 running',
      ]);
    }
    expect(hosts[0]?.calls.slice(0, 7)).toEqual([
      'lock fleetdeck-lock-web',
      'put fleetdeck-lock-web /', // its heartbeat
      'rename web-1 web-1_fleetdeck-old',
      'create web-1 tiny:v2',
      'start web-1',
      'stop web-1_fleetdeck-old',
      'rm web-1_fleetdeck-old',
    ]);
    expect(await new JournalStore(journalDir).unfinished()).toEqual([]);
  });

  it('a failing replacement rolls its batch back: every replica ends on the old image, running', async () => {
    const hosts = fleet();
    for (const h of hosts) h.healthOfImage = (image) => (image === 'tiny:v2' ? 'unhealthy' : 'healthy');
    const { ex } = executor(fleetOf(...hosts));
    const outcome = await ex.run(plan(hosts, '2'), { confirm: 'web' });
    expect(outcome.result).toBe('failed');
    expect(outcome.message).toContain(
      'failed in batch 1 — rollout stopped, batch rolled back to its old image (lab-0/web-1, lab-1/web-1)',
    );
    expect(outcome.message).toContain('lab-0/web-1: lab-0/web-1 is unhealthy');
    expect(outcome.message).toContain('last log lines:\n      web-1: last line');
    for (const h of hosts) {
      expect([...h.containers.values()].map((c) => `${c.name} ${c.image} ${c.state}`).sort()).toEqual([
        'web-1 tiny:latest running',
        'web-2 tiny:latest running',
      ]);
    }
  });

  it('a second rollout of the same role is refused while the lock is held on a host', async () => {
    const hosts = fleet();
    await hosts[1]!.createLock('fleetdeck-lock-web', 'tiny:latest', {
      'org.fleetdeck.lock.rollout': 'other',
      'org.fleetdeck.lock.owner': 'bob@desk',
      'org.fleetdeck.lock.since': 'noon',
    });
    const { ex } = executor(fleetOf(...hosts));
    const outcome = await ex.run(plan(hosts), { confirm: 'web' });
    expect(outcome.result).toBe('failed');
    expect(outcome.message).toBe(
      'lab-1: role web is locked by rollout other of bob@desk since noon, no heartbeat recorded — that lock looks stale (no heartbeat for 120 s); if that rollout is dead, clear it with `fleetdeck redeploy role:web --break-lock`',
    );
    expect(hosts[0]?.byName('fleetdeck-lock-web')).toBeUndefined(); // what was taken is given back
    expect(hosts[0]?.byName('web-1')?.image).toBe('tiny:latest');
  });

  it('after a crash mid-replica, roll back puts the old container back under its name', async () => {
    const journalDir = mkdtempSync(join(tmpdir(), 'fd-journal-'));
    const lab0 = new FakeMutations('lab-0', [details('lab-0', 'web-1'), details('lab-0', 'web-2')]);
    // What a crash between "create" and "ready" leaves: old renamed, new created under the name.
    const oldId = lab0.byName('web-1')!.id;
    await lab0.rename(oldId, 'web-1_fleetdeck-old');
    await lab0.stop(oldId);
    await lab0.clone(oldId, { image: 'tiny:v2', name: 'web-1' });
    const journal: RolloutJournal = {
      id: 'r1',
      role: 'web',
      image: 'tiny:v2',
      user: 'ops',
      machine: 'laptop',
      startedAt: 't',
      state: 'running',
      waitSeconds: 0,
      healthTimeoutSeconds: 5,
      batchSize: 1,
      replicas: [
        {
          host: 'lab-0',
          name: 'web-1',
          oldId,
          oldImage: 'tiny:latest',
          newImage: 'tiny:v2',
          order: 'start-first',
          oldWasRunning: true,
          batch: 0,
          phase: 'creating',
        },
        {
          host: 'lab-0',
          name: 'web-2',
          oldId: lab0.byName('web-2')!.id,
          oldImage: 'tiny:latest',
          newImage: 'tiny:v2',
          order: 'start-first',
          oldWasRunning: true,
          batch: 1,
          phase: 'pending',
        },
      ],
    };
    await new JournalStore(journalDir).write(journal);
    const { ex } = executor(fleetOf(lab0), { journalDir });
    const outcome = await ex.run(planRecover(journal, 'rollback'), { confirm: 'web' });
    expect(outcome.result).toBe('ok');
    expect([...lab0.containers.values()].map((c) => `${c.name} ${c.image} ${c.state}`).sort()).toEqual([
      'web-1 tiny:latest running',
      'web-2 tiny:latest running',
    ]);
    expect(lab0.byName('web-1')?.id).toBe(oldId);
    expect(await new JournalStore(journalDir).read('web')).toBeUndefined();
  });

  it('after a crash, resume settles the interrupted replica and finishes the rollout', async () => {
    const journalDir = mkdtempSync(join(tmpdir(), 'fd-journal-'));
    const lab0 = new FakeMutations('lab-0', [details('lab-0', 'web-1'), details('lab-0', 'web-2')]);
    const oldId = lab0.byName('web-1')!.id;
    await lab0.rename(oldId, 'web-1_fleetdeck-old');
    const journal: RolloutJournal = {
      id: 'r2',
      role: 'web',
      image: 'tiny:v2',
      user: 'ops',
      machine: 'laptop',
      startedAt: 't',
      state: 'running',
      waitSeconds: 0,
      healthTimeoutSeconds: 5,
      batchSize: 1,
      replicas: [
        {
          host: 'lab-0',
          name: 'web-1',
          oldId,
          oldImage: 'tiny:latest',
          newImage: 'tiny:v2',
          order: 'start-first',
          oldWasRunning: true,
          batch: 0,
          phase: 'renaming',
        },
        {
          host: 'lab-0',
          name: 'web-2',
          oldId: lab0.byName('web-2')!.id,
          oldImage: 'tiny:latest',
          newImage: 'tiny:v2',
          order: 'start-first',
          oldWasRunning: true,
          batch: 1,
          phase: 'pending',
        },
      ],
    };
    await new JournalStore(journalDir).write(journal);
    const { ex } = executor(fleetOf(lab0), { journalDir });
    const outcome = await ex.run(planRecover(journal, 'resume'), { confirm: 'web' });
    expect(outcome.result).toBe('ok');
    expect([...lab0.containers.values()].map((c) => `${c.name} ${c.image} ${c.state}`).sort()).toEqual([
      'web-1 tiny:v2 running',
      'web-2 tiny:v2 running',
    ]);
  });
});

describe('snapshot, ship and rollback through the executor', () => {
  it('snapshot pauses only around the commit and the on-host copy, guarded; reads the copy after unpause', async () => {
    const lab0 = new FakeMutations('lab-0', [
      details('lab-0', 'db-1', {
        mounts: [{ type: 'volume', name: 'dbdata', source: '/v', destination: '/data', readWrite: true }],
      }),
    ]);
    const { ex } = executor(fleetOf(lab0));
    const plan = planSnapshot({
      target: 'db-1',
      container: lab0.byName('db-1')!,
      now: Date.UTC(2024, 4, 1, 3, 15, 2),
      withVolumes: true,
      pre: 'sync',
    });
    expect(plan.repo).toBe('fleetdeck-snapshot/db-1');
    expect(plan.tag).toBe('20240501-031502');
    const outcome = await ex.run(plan, { confirm: true });
    expect(outcome.result).toBe('ok');
    expect(lab0.calls).toEqual([
      'exec db-1 sh -c sync',
      'guard db-1',
      'pause db-1',
      'commit db-1 fleetdeck-snapshot/db-1:20240501-031502-base',
      'helper fleetdeck-snapshot-copy-20240501-031502 fleetdeck-snapshot/db-1:20240501-031502-base from lab-0-db-1-0001:ro',
      'unpause db-1',
      'guard cancel',
      'commit fleetdeck-snapshot-copy-20240501-031502 fleetdeck-snapshot/db-1:20240501-031502',
      'rm fleetdeck-snapshot-copy-20240501-031502',
      'rmi fleetdeck-snapshot/db-1:20240501-031502-base',
    ]);
    expect(outcome.details.volumes).toEqual([
      expect.objectContaining({
        destination: '/data',
        index: 0,
        bytes: 3,
        sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      }),
    ]);
  });

  it('ship streams save into load', async () => {
    const a = new FakeMutations('lab-0');
    const b = new FakeMutations('lab-1');
    b.images_.delete('tiny:v2');
    b.loadAddsImage = false;
    const { ex } = executor(fleetOf(a, b));
    const outcome = await ex.run(planShip({ image: 'tiny:v2', from: 'lab-0', to: 'lab-1' }), {
      confirm: true,
    });
    expect(outcome.result).toBe('failed'); // the load does not add the image: the check catches it
    expect(outcome.message).toBe(
      'lab-1: tiny:v2 is not there after docker load — check the daemon log of lab-1',
    );
    expect([...a.calls, ...b.calls]).toEqual(['save tiny:v2', 'load']);
  });

  it('rollback that does not come up puts the previous container back', async () => {
    const lab0 = new FakeMutations('lab-0', [details('lab-0', 'app-1')]);
    lab0.healthOfImage = (image) => (image === 'snap:1' ? 'exits' : 'none');
    const { ex } = executor(fleetOf(lab0));
    const c = lab0.byName('app-1')!;
    const plan = planRollback({
      target: 'app-1',
      container: c,
      snapshot: { id: 'sha256:s', tags: ['snap:1'], labels: {}, size: 1, created: 1 },
    });
    const outcome = await ex.run(plan, { confirm: 'app-1' });
    expect(outcome.result).toBe('failed');
    expect(outcome.message).toMatch(
      /^lab-0\/app-1 exited with 3 instead of staying up — the previous app-1 was put back/,
    );
    expect([...lab0.containers.values()].map((x) => `${x.id} ${x.name} ${x.state}`)).toEqual([
      `${c.id} app-1 running`,
    ]);
  });
});
