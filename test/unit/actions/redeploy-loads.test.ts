import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ActionExecutor, JournalStore, MemoryAudit } from '../../../src/actions/index.js';
import type { RolloutJournal } from '../../../src/actions/journal.js';
import { planRecover } from '../../../src/actions/planners/recover-plan.js';
import { planRedeploy } from '../../../src/actions/planners/redeploy-plan.js';
import { newJournal } from '../../../src/actions/runners/redeploy.js';
import { details, FakeMutations, fleetOf } from './fake-mutations.js';

function executor(hosts: (n: string) => FakeMutations, journalDir: string) {
  let t = 1_700_000_000_000;
  return new ActionExecutor({
    readOnly: false,
    hosts,
    audit: new MemoryAudit(),
    journalDir,
    user: 'ops',
    machine: 'laptop',
    now: () => t,
    sleep: (ms) => ((t += ms), Promise.resolve()),
    pollMs: 100,
  });
}

/** Three web hosts without tiny:v3 and a store host (no replicas) that has it. */
function fleet(): { targets: FakeMutations[]; store: FakeMutations; all: FakeMutations[] } {
  const targets = ['lab-0', 'lab-1', 'lab-2'].map(
    (h) => new FakeMutations(h, [details(h, 'web-1'), details(h, 'web-2')]),
  );
  const store = new FakeMutations('store');
  store.images_.add('tiny:v3');
  return { targets, store, all: [...targets, store] };
}

const planFor = (f: ReturnType<typeof fleet>, presentOn = ['store']) =>
  planRedeploy({
    role: 'web',
    image: 'tiny:v3',
    batch: '2',
    waitSeconds: 0,
    replicas: f.targets.flatMap((h) => [...h.containers.values()]),
    imagePresentOn: presentOn,
  });

/** Counts save streams of `m` open at once (open from save until the load has read them). */
function trackStreams(m: FakeMutations): { max: () => number } {
  let open = 0;
  let max = 0;
  const save = m.saveImage.bind(m);
  m.saveImage = async (ref: string): Promise<Readable> => {
    const s = await save(ref);
    max = Math.max(max, ++open);
    s.once('close', () => open--);
    return s;
  };
  return { max: () => max };
}

const touchesReplicas = (calls: string[]) =>
  calls.filter((c) => /^(rename|stop|create|start|rm) web-/.test(c));

describe('redeploy with image loads', () => {
  it('loads the image from the source, one stream at a time, before any replica is touched', async () => {
    const f = fleet();
    const streams = trackStreams(f.store);
    const journalDir = mkdtempSync(join(tmpdir(), 'fd-journal-'));
    const plan = planFor(f);
    expect(plan.loads.map((l) => `${l.from}->${l.to}`)).toEqual([
      'store->lab-0',
      'store->lab-1',
      'store->lab-2',
    ]);
    const outcome = await executor(fleetOf(...f.all), journalDir).run(plan, { confirm: 'web' });
    expect(outcome.result).toBe('ok');
    expect(outcome.details).toEqual(
      expect.objectContaining({ imageId: 'sha256:tiny:v3', loaded: plan.loads, loadedBytes: 3 * 7 }),
    );
    expect(f.store.calls).toEqual(['save tiny:v3', 'save tiny:v3', 'save tiny:v3']);
    expect(streams.max()).toBe(1);
    for (const h of f.targets) {
      expect(h.calls.slice(0, 4)).toEqual([
        'lock fleetdeck-lock-web',
        'put fleetdeck-lock-web /', // its heartbeat
        'load',
        'rename web-1 web-1_fleetdeck-old',
      ]);
      expect([...h.containers.values()].map((c) => `${c.name} ${c.image} ${c.state}`).sort()).toEqual([
        'web-1 tiny:v3 running',
        'web-2 tiny:v3 running',
      ]);
    }
    expect(await new JournalStore(journalDir).unfinished()).toEqual([]);
  });

  it('a failed load fails the action before anything stops, naming host and image', async () => {
    const f = fleet();
    f.targets[2]!.loadError = 'write /var/lib/docker: no space left on device';
    const journalDir = mkdtempSync(join(tmpdir(), 'fd-journal-'));
    const outcome = await executor(fleetOf(...f.all), journalDir).run(planFor(f), { confirm: 'web' });
    expect(outcome.result).toBe('failed');
    expect(outcome.message).toBe(
      'lab-2: loading tiny:v3 from store failed — write /var/lib/docker: no space left on device; check disk space and the daemon of lab-2 (and that store still has tiny:v3)\n' +
        'nothing was stopped: the only change is tiny:v3 loaded on the hosts that succeeded — fix the host and redeploy again',
    );
    for (const h of f.targets) {
      expect(touchesReplicas(h.calls)).toEqual([]);
      expect(h.byName('fleetdeck-lock-web')).toBeUndefined();
    }
    expect(await new JournalStore(journalDir).unfinished()).toEqual([]);
  });

  it('refuses when the loaded image has another ID than a host that already had the tag', async () => {
    const f = fleet();
    f.targets[0]!.images_.add('tiny:v3');
    f.targets[0]!.imageIds.set('tiny:v3', 'sha256:0123456789abcdef0123');
    const journalDir = mkdtempSync(join(tmpdir(), 'fd-journal-'));
    const plan = planFor(f, ['lab-0', 'store']);
    expect(plan.loads.map((l) => `${l.from}->${l.to}`)).toEqual(['store->lab-1', 'store->lab-2']);
    const outcome = await executor(fleetOf(...f.all), journalDir).run(plan, { confirm: 'web' });
    expect(outcome.result).toBe('failed');
    expect(outcome.message).toBe(
      'image tiny:v3 has different IDs across hosts (lab-0: sha256:0123456789ab, lab-1: sha256:tiny:v3, lab-2: sha256:tiny:v3, store: sha256:tiny:v3) — nothing was stopped; the tag names different builds: ship one build to every host (`fleetdeck snapshot ship`) and redeploy again',
    );
    for (const h of f.targets) expect(touchesReplicas(h.calls)).toEqual([]);
  });
});

describe('recovering a rollout interrupted during its loads (no replica touched yet)', () => {
  function crashedDuringLoads(f: ReturnType<typeof fleet>): RolloutJournal {
    // Exactly what the runner writes before its loads, as if it crashed right after.
    return {
      ...newJournal(planFor(f), { user: 'ops', machine: 'laptop', now: 0 }),
      id: 'r-load',
      startedAt: 't',
    };
  }

  it('resume repeats the loads that had not landed, then rolls every replica', async () => {
    const f = fleet();
    f.targets[0]!.images_.add('tiny:v3'); // this load had finished before the crash
    const journalDir = mkdtempSync(join(tmpdir(), 'fd-journal-'));
    const store = new JournalStore(journalDir);
    const j = crashedDuringLoads(f);
    await store.write(j);
    const plan = planRecover(j, 'resume');
    const outcome = await executor(fleetOf(...f.all), journalDir).run(plan, { confirm: 'web' });
    expect(outcome.result).toBe('ok');
    expect(f.store.calls).toEqual(['save tiny:v3', 'save tiny:v3']);
    expect(f.targets[0]!.calls).not.toContain('load');
    for (const h of f.targets) {
      expect([...h.containers.values()].map((c) => `${c.name} ${c.image}`).sort()).toEqual([
        'web-1 tiny:v3',
        'web-2 tiny:v3',
      ]);
    }
    expect(await store.unfinished()).toEqual([]);
  });

  it('rollback has nothing to put back: it only clears the journal and the lock', async () => {
    const f = fleet();
    const journalDir = mkdtempSync(join(tmpdir(), 'fd-journal-'));
    const store = new JournalStore(journalDir);
    const j = crashedDuringLoads(f);
    await store.write(j);
    const plan = planRecover(j, 'rollback');
    expect(plan.steps).toEqual([
      'interrupted rollout r-load of role web to tiny:v3 (started t by ops@laptop)',
    ]);
    const outcome = await executor(fleetOf(...f.all), journalDir).run(plan, { confirm: 'web' });
    expect(outcome.result).toBe('ok');
    expect(outcome.message).toBe(
      'rollout r-load rolled back: 0 replicas back on the old image, 0 interrupted replicas put back',
    );
    for (const h of f.targets) {
      expect(touchesReplicas(h.calls)).toEqual([]);
      expect(h.byName('fleetdeck-lock-web')).toBeUndefined();
    }
    expect(await store.unfinished()).toEqual([]);
  });

  it('a journal without any replica record is recovered too (resume and rollback)', async () => {
    for (const mode of ['resume', 'rollback'] as const) {
      const f = fleet();
      const journalDir = mkdtempSync(join(tmpdir(), 'fd-journal-'));
      const store = new JournalStore(journalDir);
      const j = { ...crashedDuringLoads(f), replicas: [] };
      await store.write(j);
      const outcome = await executor(fleetOf(...f.all), journalDir).run(planRecover(j, mode), {
        confirm: 'web',
      });
      expect(outcome.result).toBe('ok');
      expect(await store.unfinished()).toEqual([]);
    }
  });
});
