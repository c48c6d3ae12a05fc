import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ActionExecutor, MemoryAudit } from '../../../src/actions/index.js';
import { planPrune } from '../../../src/actions/prune/plan.js';
import { planPruneAction } from '../../../src/actions/prune/service-plan.js';
import { toolkitOps } from '../../../src/docker/resources/ops.js';
import { FakeDaemonApi } from './fake-daemon-api.js';
import { network, ToolkitHost } from './fake-toolkit.js';

function fleet() {
  const a = new ToolkitHost('lab-0');
  const b = new ToolkitHost('lab-1');
  a.toolkit.networks_ = [
    network('lab-0', 'id-bridge', { name: 'bridge', builtin: true }),
    network('lab-0', 'id-app', { name: 'app', containers: 2 }),
    network('lab-0', 'id-old', { name: 'old' }),
    network('lab-0', 'id-ovl', { name: 'mesh', driver: 'overlay', scope: 'swarm' }),
  ];
  b.toolkit.networks_ = [network('lab-1', 'id-old-b', { name: 'old' })];
  const byName = new Map([a, b].map((h) => [h.host, h]));
  return { a, b, hosts: (n: string) => byName.get(n)!, names: ['lab-0', 'lab-1'] };
}

function executor(hosts: (n: string) => ToolkitHost, readOnly = false) {
  const audit = new MemoryAudit();
  const ex = new ActionExecutor({
    readOnly,
    hosts,
    audit,
    journalDir: mkdtempSync(join(tmpdir(), 'fd-prune-net-')),
    user: 'ops',
    machine: 'laptop',
  });
  return { ex, audit };
}

describe('prune networks', () => {
  it('plans unused user networks per host by ID: never builtin, attached (stopped too) or swarm-scoped ones', async () => {
    const { hosts, names } = fleet();
    const { plan } = await planPruneAction('networks', {}, names, hosts);
    expect(plan.perHost.map((h) => [h.host, h.candidates.map((c) => [c.id, c.name])])).toEqual([
      ['lab-0', [['id-old', 'old']]],
      ['lab-1', [['id-old-b', 'old']]],
    ]);
    // Networks hold no bytes: the plan says nothing of freeing any.
    expect(plan.summary).toBe('prune networks on 2 hosts: remove 2 unused networks');
    expect(plan.steps).toEqual(['lab-0: 1 unused network', '  old', 'lab-1: 1 unused network', '  old']);
    expect(plan.confirmation).toMatchObject({ mode: 'type', text: 'networks' });
    expect(planPrune({ what: 'networks', danglingOnly: false, hosts: [] }).summary).toContain('nothing');
  });

  it('removes exactly the plan’s networks, keeps one that got a container since, audits start and end', async () => {
    const { a, b, hosts, names } = fleet();
    const { plan } = await planPruneAction('networks', {}, names, hosts);
    b.toolkit.networks_[0]!.containers = 1;
    a.toolkit.networks_.push(network('lab-0', 'id-late', { name: 'late' }));
    const { ex, audit } = executor(hosts);
    const outcome = await ex.run(plan, { confirm: 'networks' });
    expect(outcome.result).toBe('ok');
    expect(a.toolkit.removed).toEqual(['id-old']);
    expect(b.toolkit.removed).toEqual([]);
    expect(outcome.message).toContain('kept 1 now in use (lab-1/id-old-b: a container is attached now)');
    expect(audit.lines.map((l) => l.phase)).toEqual(['start', 'end']);
  });

  it('is refused in read-only mode before anything is sent', async () => {
    const { a, hosts, names } = fleet();
    const { plan } = await planPruneAction('networks', {}, names, hosts);
    const { ex, audit } = executor(hosts, true);
    expect((await ex.run(plan, { confirm: 'networks' })).result).toBe('refused');
    expect(a.toolkit.removed).toEqual([]);
    expect(audit.entries).toEqual([expect.objectContaining({ action: 'prune', result: 'refused' })]);
  });

  it('DELETE /networks/ID: 204 removed, 404 gone, 403 (active endpoints) in use', async () => {
    const api = new FakeDaemonApi('lab-0')
      .answer('DELETE /networks/n1', null, 204)
      .answer(
        'DELETE /networks/n2',
        { message: 'error while removing network: network n2 has active endpoints' },
        403,
      );
    const ops = toolkitOps(api);
    expect(await ops.removeNetwork('n1')).toBe('removed');
    expect(await ops.removeNetwork('n2')).toBe('in-use');
    expect(await ops.removeNetwork('n3')).toBe('gone');
    expect(api.sent).toEqual(['DELETE /networks/n1', 'DELETE /networks/n2', 'DELETE /networks/n3']);
  });
});
