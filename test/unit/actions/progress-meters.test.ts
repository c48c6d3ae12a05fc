import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ActionExecutor, MemoryAudit } from '../../../src/actions/index.js';
import { planPrune } from '../../../src/actions/prune/plan.js';
import { planRedeploy } from '../../../src/actions/planners/redeploy-plan.js';
import { planSnapshot } from '../../../src/actions/planners/snapshot-plan.js';
import { meterComplete } from '../../../src/domain/progress/meter.js';
import type { SizeQueries } from '../../../src/docker/mutations/sizes.js';
import type { ProgressMeter } from '../../../src/domain/progress/meter.js';
import { ToolkitHost, volume } from '../toolkit/fake-toolkit.js';
import { details, FakeMutations, fleetOf } from './fake-mutations.js';

function executor(hosts: (n: string) => FakeMutations) {
  let t = 1_700_000_000_000;
  return new ActionExecutor({
    readOnly: false,
    hosts,
    audit: new MemoryAudit(),
    journalDir: mkdtempSync(join(tmpdir(), 'fd-meters-')),
    user: 'ops',
    machine: 'laptop',
    now: () => (t += 10),
    sleep: (ms) => ((t += ms), Promise.resolve()),
    pollMs: 100,
  });
}

function withSizes(m: FakeMutations, sizes: Partial<SizeQueries>): void {
  Object.assign(m, {
    sizes: { imageSize: async () => undefined, writableSize: async () => undefined, ...sizes },
  });
}

const last = (meters: ProgressMeter[], key: string) => meters.filter((m) => m.key === key).at(-1);

describe('progress meters of long work', () => {
  it('a redeploy counts replicas of the total with the batch running; each image load its bytes of the image size', async () => {
    const targets = ['lab-0', 'lab-1'].map(
      (h) => new FakeMutations(h, [details(h, 'web-1'), details(h, 'web-2')]),
    );
    const store = new FakeMutations('store');
    store.images_.add('tiny:v3');
    withSizes(store, { imageSize: async () => 7 });
    const plan = planRedeploy({
      role: 'web',
      image: 'tiny:v3',
      batch: '1',
      waitSeconds: 0,
      replicas: targets.flatMap((h) => [...h.containers.values()]),
      imagePresentOn: ['store'],
    });
    const meters: ProgressMeter[] = [];
    const outcome = await executor(fleetOf(...targets, store)).run(plan, {
      confirm: 'web',
      onMeter: (m) => meters.push(m),
    });
    expect(outcome.result).toBe('ok');

    const rollout = meters.filter((m) => m.key === 'redeploy web');
    expect(rollout.every((m) => m.unit === 'replicas' && m.total === 4 && m.label === 'redeploy web')).toBe(
      true,
    );
    expect(rollout.map((m) => `${m.done} ${m.detail}`)).toEqual([
      '0 batch 1/4',
      '1 batch 1/4',
      '1 batch 2/4',
      '2 batch 2/4',
      '2 batch 3/4',
      '3 batch 3/4',
      '3 batch 4/4',
      '4 batch 4/4',
    ]);
    // One start for the whole rollout; readings stamped by the executor's clock.
    expect(new Set(rollout.map((m) => m.startedAt)).size).toBe(1);
    expect(rollout.every((m) => m.at >= m.startedAt)).toBe(true);

    const load = last(meters, 'load tiny:v3 store→lab-1');
    expect(load).toMatchObject({ unit: 'bytes', done: 7, total: 7, label: 'load tiny:v3 store → lab-1' });
  });

  it('a snapshot counts the bytes archived of its copied volumes; only the end reads as complete', async () => {
    const mount = (name: string, destination: string) => ({
      type: 'volume' as const,
      name,
      source: `/v/${name}`,
      destination,
      readWrite: true,
    });
    const h = new FakeMutations('lab-0', [
      details('lab-0', 'db-1', { mounts: [mount('dbdata', '/data'), mount('dblogs', '/logs')] }),
    ]);
    // Each volume's tar is 3 bytes in the fake; the daemon's layer size says 5 of the 6.
    withSizes(h, { writableSize: async () => 5 });
    const plan = planSnapshot({
      target: 'db-1',
      container: h.byName('db-1')!,
      now: 1_700_000_000_000,
      withVolumes: true,
    });
    const meters: ProgressMeter[] = [];
    const outcome = await executor(fleetOf(h)).run(plan, { confirm: true, onMeter: (m) => meters.push(m) });
    expect(outcome.result).toBe('ok');
    expect(meters.every((m) => m.key === 'snapshot lab-0/db-1' && m.unit === 'bytes')).toBe(true);
    expect(meters.filter(meterComplete)).toEqual([meters.at(-1)]);
    expect(meters.at(-1)).toMatchObject({ done: 6, total: 6 });
    expect(meters.map((m) => m.done)).toEqual([...meters.map((m) => m.done)].sort((a, b) => a - b));
  });

  it('a prune counts hosts done', async () => {
    const a = new ToolkitHost('lab-0');
    const b = new ToolkitHost('lab-1');
    a.toolkit.volumes_.push(volume('lab-0', 'idle'));
    b.toolkit.volumes_.push(volume('lab-1', 'idle'));
    const plan = planPrune({
      what: 'volumes',
      danglingOnly: false,
      hosts: [
        { host: 'lab-0', images: [], containers: [], volumes: [...a.toolkit.volumes_] },
        { host: 'lab-1', images: [], containers: [], volumes: [...b.toolkit.volumes_] },
      ],
    });
    const meters: ProgressMeter[] = [];
    const hosts = (n: string) => (n === 'lab-0' ? a : b);
    const outcome = await executor(hosts).run(plan, { confirm: 'volumes', onMeter: (m) => meters.push(m) });
    expect(outcome.result).toBe('ok');
    expect(meters.map((m) => `${m.done}/${m.total} ${m.unit}`)).toEqual([
      '0/2 hosts',
      '1/2 hosts',
      '2/2 hosts',
    ]);
  });

  it('no meter reaches a run that does not ask for them, and lines stay lines', async () => {
    const a = new ToolkitHost('lab-0');
    a.toolkit.volumes_.push(volume('lab-0', 'idle'));
    const plan = planPrune({
      what: 'volumes',
      danglingOnly: false,
      hosts: [{ host: 'lab-0', images: [], containers: [], volumes: [...a.toolkit.volumes_] }],
    });
    const lines: string[] = [];
    const outcome = await executor(() => a).run(plan, {
      confirm: 'volumes',
      onProgress: (p) => lines.push(p.message),
    });
    expect(outcome.result).toBe('ok');
    expect(lines).toEqual(['removed idle (10 B)']);
  });
});
