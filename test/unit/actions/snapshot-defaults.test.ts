import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planOf } from './plan-of.js';
import { ActionExecutor, ActionService, MemoryAudit } from '../../../src/actions/index.js';
import { snapshotDefaultsFor, type SnapshotSettings } from '../../../src/config/index.js';
import { details, FakeMutations, fleetOf } from './fake-mutations.js';

const settings: SnapshotSettings = {
  pre: 'sync',
  keep: 5,
  roles: { db: { pre: 'pg_ctl stop -m fast', post: 'pg_ctl start', keep: 2 } },
};

function service() {
  const host = new FakeMutations('lab-0', [
    details('lab-0', 'db-1', { labels: { role: 'db' } }),
    details('lab-0', 'cache-1', {
      labels: { role: 'cache', 'org.fleetdeck.snapshot.pre': 'redis-cli save' },
    }),
    details('lab-0', 'web-1', { labels: { role: 'web' } }),
  ]);
  const hosts = fleetOf(host);
  const journalDir = mkdtempSync(join(tmpdir(), 'fd-snapdef-'));
  const executor = new ActionExecutor({ readOnly: false, hosts, audit: new MemoryAudit(), journalDir });
  return new ActionService({
    executor,
    hosts,
    hostNames: ['lab-0'],
    journalDir,
    snapshotDefaults: (role) => snapshotDefaultsFor(settings, role),
  });
}

describe('snapshot defaults from the fleet file', () => {
  it('a role’s own entry wins over the fleet-wide one', () => {
    expect(snapshotDefaultsFor(settings, 'db')).toEqual({
      pre: 'pg_ctl stop -m fast',
      post: 'pg_ctl start',
      keep: 2,
    });
    expect(snapshotDefaultsFor(settings, 'web')).toEqual({ pre: 'sync', keep: 5 });
  });

  it('the plan runs the fleet file’s commands; a container label and a flag win over it', async () => {
    const svc = service();
    const db = await planOf(svc, 'snapshot', 'lab-0/db-1');
    expect(db.steps.join('\n')).toContain('run `pg_ctl stop -m fast` inside (pre-snapshot)');
    expect(db.steps.join('\n')).toContain('run `pg_ctl start` inside (post-snapshot)');
    expect(db.steps.join('\n')).toContain('keep the last 2 snapshots of db-1');
    const cache = await planOf(svc, 'snapshot', 'lab-0/cache-1');
    expect(cache.steps.join('\n')).toContain('run `redis-cli save` inside (pre-snapshot)');
    const web = await planOf(svc, 'snapshot', 'lab-0/web-1', { pre: 'true', keep: 1 });
    expect(web.steps.join('\n')).toContain('run `true` inside (pre-snapshot)');
    expect(web.steps.join('\n')).toContain('keep the last 1 snapshots of web-1');
  });
});
