import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ActionExecutor, MemoryAudit } from '../../../src/actions/index.js';
import { planPrune, type PruneHostInput } from '../../../src/actions/prune/plan.js';
import { planPruneAction } from '../../../src/actions/prune/service-plan.js';
import { image, ToolkitHost, use, volume } from './fake-toolkit.js';

function input(host: string, over: Partial<PruneHostInput>): PruneHostInput {
  return { host, images: [], containers: [], volumes: [], ...over };
}

const ANON = 'a'.repeat(64);

describe('planPrune (pure)', () => {
  it('images: unused only, never fleetdeck snapshots; --dangling-only takes untagged ones; bytes per host', () => {
    const h = input('lab-0', {
      containers: [use('lab-0', 'c1', { imageId: 'sha256:used', state: 'exited' })],
      images: [
        image('lab-0', 'sha256:used', { tags: ['app:1'] }),
        image('lab-0', 'sha256:old', { tags: ['app:0'], uniqueBytes: 400 }),
        image('lab-0', 'sha256:none', { sizeBytes: 50 }),
        image('lab-0', 'sha256:snap', {
          tags: ['fleetdeck-snapshot/web:1'],
          labels: { 'org.fleetdeck.snapshot': '1' },
        }),
      ],
    });
    const all = planPrune({ what: 'images', danglingOnly: false, hosts: [h] });
    expect(all.perHost[0]!.candidates.map((c) => c.id)).toEqual(['sha256:old', 'sha256:none']);
    expect(all.perHost[0]!.bytes).toBe(450);
    expect(all.confirmation).toMatchObject({ mode: 'type', text: 'images' });
    expect(all.summary).toBe('prune images on 1 host: remove 2 images, frees 450 B');
    expect(all.steps).toContain('lab-0: 2 images, frees 450 B');
    const dangling = planPrune({ what: 'images', danglingOnly: true, hosts: [h], host: 'lab-0' });
    expect(dangling.perHost[0]!.candidates.map((c) => c.id)).toEqual(['sha256:none']);
    expect(dangling.target).toBe('images@lab-0');
  });

  it('containers: stopped ones, never fleetdeck’s own lock/old containers; --dangling-only keeps never-started ones', () => {
    const h = input('lab-0', {
      containers: [
        use('lab-0', 'up', { state: 'running' }),
        use('lab-0', 'failed', { state: 'exited', sizeRwBytes: 7 }),
        use('lab-0', 'new', { state: 'created' }),
        use('lab-0', 'lock', { name: 'fleetdeck-lock-web', state: 'created' }),
      ],
    });
    expect(
      planPrune({ what: 'containers', danglingOnly: false, hosts: [h] }).perHost[0]!.candidates.map(
        (c) => c.id,
      ),
    ).toEqual(['failed', 'new']);
    const d = planPrune({ what: 'containers', danglingOnly: true, hosts: [h] });
    expect(d.perHost[0]!.candidates).toEqual([{ id: 'failed', name: 'failed', bytes: 7 }]);
  });

  it('volumes: one mounted by any container (stopped too) is never a candidate; --dangling-only: anonymous only', () => {
    const h = input('lab-0', {
      containers: [use('lab-0', 'c', { state: 'exited', volumes: ['data'] })],
      volumes: [
        volume('lab-0', 'data'),
        volume('lab-0', 'idle'),
        volume('lab-0', ANON),
        volume('lab-0', 'busy', { containers: 1 }),
      ],
    });
    expect(
      planPrune({ what: 'volumes', danglingOnly: false, hosts: [h] }).perHost[0]!.candidates.map((c) => c.id),
    ).toEqual(['idle', ANON]);
    expect(
      planPrune({ what: 'volumes', danglingOnly: true, hosts: [h] }).perHost[0]!.candidates.map((c) => c.id),
    ).toEqual([ANON]);
  });

  it('nothing to remove: says so and asks a plain yes', () => {
    const p = planPrune({ what: 'volumes', danglingOnly: false, hosts: [input('lab-0', {})] });
    expect(p.summary).toBe('prune volumes on 1 host: nothing to remove');
    expect(p.confirmation.mode).toBe('yes-no');
  });
});

function fleet() {
  const a = new ToolkitHost('lab-0');
  const b = new ToolkitHost('lab-1');
  a.toolkit.volumes_ = [
    volume('lab-0', 'idle', { sizeBytes: 100 }),
    volume('lab-0', 'spare', { sizeBytes: 5 }),
  ];
  b.toolkit.volumes_ = [volume('lab-1', 'idle', { sizeBytes: 30 }), volume('lab-1', 'data')];
  b.toolkit.containers_ = [use('lab-1', 'db', { volumes: ['data'] })];
  const byName = new Map([a, b].map((h) => [h.host, h]));
  const hosts = (n: string) => byName.get(n)!;
  return { a, b, hosts, names: ['lab-0', 'lab-1'] };
}

function executor(hosts: (n: string) => ToolkitHost, readOnly = false) {
  const audit = new MemoryAudit();
  const ex = new ActionExecutor({
    readOnly,
    hosts,
    audit,
    journalDir: mkdtempSync(join(tmpdir(), 'fd-prune-')),
    user: 'ops',
    machine: 'laptop',
    now: () => 1_700_000_000_000,
  });
  return { ex, audit };
}

describe('prune through the executor', () => {
  it('removes exactly what the plan listed, per host, with one audit line', async () => {
    const { a, b, hosts, names } = fleet();
    const { plan } = await planPruneAction('volumes', {}, names, hosts);
    expect(plan.perHost.map((h) => [h.host, h.candidates.map((c) => c.id), h.bytes])).toEqual([
      ['lab-0', ['idle', 'spare'], 105],
      ['lab-1', ['idle'], 30],
    ]);
    // A volume created after planning is not the plan's: it stays.
    a.toolkit.volumes_.push(volume('lab-0', 'late'));
    const { ex, audit } = executor(hosts);
    const outcome = await ex.run(plan, { confirm: 'volumes' });
    expect(outcome.result).toBe('ok');
    expect(outcome.message).toBe('removed 3 of 3 volumes on 2 host(s), freed 135 B');
    expect(a.toolkit.removed).toEqual(['idle', 'spare']);
    expect(b.toolkit.removed).toEqual(['idle']);
    expect(a.toolkit.volumes_.map((v) => v.name)).toEqual(['late']);
    expect(audit.entries).toHaveLength(1);
    expect(audit.entries[0]).toMatchObject({ action: 'prune', target: 'volumes', result: 'ok' });
  });

  it('a candidate that got a user after planning is kept and said so', async () => {
    const { a, hosts, names } = fleet();
    const { plan } = await planPruneAction('volumes', { host: 'lab-0' }, names, hosts);
    a.toolkit.containers_.push(use('lab-0', 'new', { volumes: ['spare'] }));
    const outcome = await executor(hosts).ex.run(plan, { confirm: 'volumes' });
    expect(a.toolkit.removed).toEqual(['idle']);
    expect(outcome.message).toContain('kept 1 now in use (lab-0/spare: a container mounts it now)');
  });

  it('read-only: refused, nothing removed, still one audit line; not confirmed: refused too', async () => {
    const { a, hosts, names } = fleet();
    const { plan } = await planPruneAction('volumes', {}, names, hosts);
    const ro = executor(hosts, true);
    expect((await ro.ex.run(plan, { confirm: 'volumes' })).result).toBe('refused');
    expect(ro.audit.entries).toHaveLength(1);
    expect((await executor(hosts).ex.run(plan, { confirm: true })).result).toBe('refused');
    expect(a.toolkit.removed).toEqual([]);
  });

  it('bad input names what prune takes and the fleet’s hosts', async () => {
    const { hosts, names } = fleet();
    await expect(planPruneAction('builds', {}, names, hosts)).rejects.toThrow(
      'prune takes images, containers, volumes, networks — not "builds"',
    );
    await expect(planPruneAction('images', { host: 'x' }, names, hosts)).rejects.toThrow(
      'no host "x" in the fleet — hosts are: lab-0, lab-1',
    );
  });
});
