import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ActionExecutor, ActionService, MemoryAudit, PlanError } from '../../../src/actions/index.js';
import { parseActionTarget } from '../../../src/app/commands/actions/run-action.js';
import type { HostMutations } from '../../../src/docker/mutations/index.js';
import { parseTarget, targetText } from '../../../src/domain/target.js';
import { details, FakeMutations, fleetOf } from './fake-mutations.js';

/** Two hosts; `down` makes lab-1's listing fail; `lists` counts listings per host. */
function service() {
  const hosts = [
    new FakeMutations('lab-0', [
      details('lab-0', 'web-1', { labels: { role: 'web' } }),
      details('lab-0', 'cron'),
    ]),
    new FakeMutations('lab-1', [details('lab-1', 'web-1', { labels: { role: 'web' } })]),
  ];
  const state = { down: false, lists: [] as string[] };
  const real = fleetOf(...hosts);
  const hostsOf = (name: string): HostMutations => {
    const m = real(name);
    return Object.assign(Object.create(m) as HostMutations, {
      list: () => {
        state.lists.push(name);
        if (state.down && name === 'lab-1') return Promise.reject(new Error('lab-1: SSH connection refused'));
        return m.list();
      },
    });
  };
  const journalDir = mkdtempSync(join(tmpdir(), 'fd-targets-'));
  const executor = new ActionExecutor({
    readOnly: false,
    hosts: hostsOf,
    audit: new MemoryAudit(),
    journalDir,
  });
  const svc = new ActionService({ executor, hosts: hostsOf, hostNames: ['lab-0', 'lab-1'], journalDir });
  return { svc, state };
}

describe('structured action targets', () => {
  it('a container the dashboard names by host and id is inspected on its host, nothing listed', async () => {
    const { svc, state } = service();
    const { plan, unreachable } = await svc.plan('restart', {
      kind: 'container',
      host: 'lab-0',
      id: 'lab-0-cron-0001',
      name: 'cron',
    });
    expect(plan.target).toBe('lab-0/cron');
    expect(plan.hosts).toEqual(['lab-0']);
    expect(unreachable).toEqual([]);
    expect(state.lists).toEqual([]);
  });

  it('a vanished container by id is a plan error naming host and container', async () => {
    const { svc } = service();
    await expect(
      svc.plan('restart', { kind: 'container', host: 'lab-0', id: 'gone', name: 'old-1' }),
    ).rejects.toThrow(/lab-0: cannot inspect old-1: .* — is it still there\?/);
  });

  it('unreachable hosts come back with each plan, not as state read afterwards', async () => {
    const { svc, state } = service();
    state.down = true;
    const first = await svc.plan('restart', { kind: 'role', role: 'web' });
    expect(first.unreachable).toEqual([{ host: 'lab-1', reason: 'lab-1: SSH connection refused' }]);
    expect(first.plan.hosts).toEqual(['lab-0']);
    state.down = false;
    const second = await svc.plan('restart', { kind: 'role', role: 'web' });
    expect(second.unreachable).toEqual([]);
    expect(first.unreachable).toHaveLength(1);
  });

  it('a redeploy lists the fleet once for the swarm check and the replicas', async () => {
    const { svc, state } = service();
    await svc.plan('redeploy', { kind: 'role', role: 'web' }, { image: 'tiny:v2' });
    expect(state.lists.sort()).toEqual(['lab-0', 'lab-1']);
  });
});

describe('the CLI parses TARGET once', () => {
  it.each([
    ['lab-0/web-1', { kind: 'container', host: 'lab-0', name: 'web-1' }],
    ['role:web', { kind: 'role', role: 'web' }],
    ['host:lab-0', { kind: 'host', host: 'lab-0' }],
    ['web-1', { kind: 'name', name: 'web-1' }],
  ])('%s', (text, target) => {
    expect(parseActionTarget('restart', text)).toEqual(target);
    const parsed = parseTarget(text);
    expect('error' in parsed ? parsed.error : targetText(parsed)).toBe(text);
  });

  it('images for snapshot ship and rm, whatever their shape', () => {
    expect(parseActionTarget('ship', 'registry:5000/app:1')).toEqual({
      kind: 'image',
      ref: 'registry:5000/app:1',
    });
    expect(parseActionTarget('snapshot-delete', 'fleetdeck-snapshot/db-1:20240101')).toEqual({
      kind: 'image',
      ref: 'fleetdeck-snapshot/db-1:20240101',
    });
  });

  it('a malformed TARGET is a plan error in the words the planner uses', () => {
    expect(() => parseActionTarget('restart', 'lab-0/')).toThrow(PlanError);
    expect(() => parseActionTarget('restart', 'lab-0/')).toThrow('expected host/name');
    expect(() => parseActionTarget('redeploy', 'role:')).toThrow(
      'redeploy takes a role, e.g. role:web — not "role:"',
    );
  });
});
