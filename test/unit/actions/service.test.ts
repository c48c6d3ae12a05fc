import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planOf } from './plan-of.js';
import { ActionExecutor, ActionService, MemoryAudit } from '../../../src/actions/index.js';
import { details, FakeMutations, fleetOf } from './fake-mutations.js';

function service(readOnly = false) {
  const hosts = [
    new FakeMutations('lab-0', [
      details('lab-0', 'web-1', { labels: { role: 'web' } }),
      details('lab-0', 'cron'),
    ]),
    new FakeMutations('lab-1', [details('lab-1', 'web-1'), details('lab-1', 'web-1_fleetdeck-old')]),
  ];
  hosts[1]!.images_.delete('tiny:v2');
  const journalDir = mkdtempSync(join(tmpdir(), 'fd-svc-'));
  const hostsOf = fleetOf(...hosts);
  const executor = new ActionExecutor({ readOnly, hosts: hostsOf, audit: new MemoryAudit(), journalDir });
  return {
    hosts,
    svc: new ActionService({ executor, hosts: hostsOf, hostNames: ['lab-0', 'lab-1'], journalDir }),
  };
}

describe('ActionService (what the dashboard calls)', () => {
  it('plans from the live fleet: targets resolve like log targets, fleetdeck leftovers are never replicas', async () => {
    const { svc } = service();
    const plan = await planOf(svc, 'restart', 'role:web');
    expect(
      plan.kind === 'restart' &&
        plan.perHost.map((p) => p.steps.map((s) => `${s.container.host}/${s.container.name}`)),
    ).toEqual([['lab-0/web-1'], ['lab-1/web-1']]);
    expect(plan.confirmation).toEqual(expect.objectContaining({ mode: 'type', text: 'web' }));
  });

  it('redeploy loads the image first where a host lacks it; refuses when no host has it', async () => {
    const { svc } = service();
    const plan = await planOf(svc, 'redeploy', 'role:web', { image: 'tiny:v2' });
    expect(plan.kind === 'redeploy' && 'loads' in plan && plan.loads).toEqual([
      { image: 'tiny:v2', from: 'lab-0', to: 'lab-1' },
    ]);
    await expect(planOf(svc, 'redeploy', 'role:web', { image: 'tiny:v9' })).rejects.toThrow(
      /image tiny:v9 is on no fleet host \(missing on lab-0, lab-1\) — nothing was stopped/,
    );
    await expect(planOf(svc, 'redeploy', 'web-1', { image: 'tiny:v2' })).rejects.toThrow(
      'redeploy takes a role, e.g. role:web — not "web-1"',
    );
  });

  it('a read-only service still plans (to show what would happen) but its runs are refused', async () => {
    const { svc, hosts } = service(true);
    expect(svc.readOnly).toBe(true);
    const plan = await planOf(svc, 'stop', 'lab-0/cron');
    const outcome = await svc.run(plan, { confirm: 'cron' });
    expect(outcome.result).toBe('refused');
    expect(hosts[0]!.calls).toEqual([]);
  });
});
