import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ActionExecutor, MemoryAudit } from '../../../src/actions/index.js';
import {
  planRollback,
  SNAP_CONTAINER,
  SNAP_VOLUMES,
  SNAPSHOT_LABEL,
} from '../../../src/actions/planners/snapshot-plan.js';
import { restoredVolumeName } from '../../../src/actions/runners/rollback.js';
import { details, FakeMutations, fleetOf } from './fake-mutations.js';

const NOW = Date.UTC(2024, 4, 1, 3, 15, 2);
const TAG = '20240501-031502';
const RESTORED = `dbdata-restored-${TAG}`;
// The fake's archives read "tar": a snapshot recorded with that checksum verifies.
const labels = {
  [SNAPSHOT_LABEL]: '1',
  [SNAP_CONTAINER]: 'db-1',
  [SNAP_VOLUMES]: JSON.stringify([
    {
      destination: '/data',
      type: 'volume',
      name: 'dbdata',
      index: 0,
      bytes: 3,
      sha256: createHash('sha256').update('tar').digest('hex'),
      verifiable: true,
    },
  ]),
};
const snapshot = { id: 'sha256:s', tags: ['snap:1'], labels, size: 1, created: 1 };

function dbHost(): FakeMutations {
  const h = new FakeMutations('lab-0', [
    details('lab-0', 'db-1', {
      mounts: [{ type: 'volume', name: 'dbdata', source: '/v', destination: '/data', readWrite: true }],
    }),
  ]);
  h.volumes.set('dbdata', {});
  h.images_.add('snap:1');
  h.images = () => Promise.resolve([snapshot]);
  return h;
}

async function rollback(h: FakeMutations) {
  let clock = NOW;
  const ex = new ActionExecutor({
    readOnly: false,
    hosts: fleetOf(h),
    audit: new MemoryAudit(),
    journalDir: mkdtempSync(join(tmpdir(), 'fd-journal-')),
    now: () => clock,
    sleep: (ms) => ((clock += ms), Promise.resolve()),
  });
  const plan = planRollback({ target: 'db-1', container: h.byName('db-1')!, snapshot });
  return ex.run(plan, { confirm: 'db-1' });
}

/** What is on the host: containers (name, image, state, volumes) and volumes. */
function scene(h: FakeMutations): { containers: string[]; volumes: string[] } {
  return {
    containers: [...h.containers.values()].map(
      (c) => `${c.id} ${c.name} ${c.image} ${c.state} ${c.mounts.map((m) => m.name).join(',')}`,
    ),
    volumes: [...h.volumes.keys()].sort(),
  };
}

describe('rollback restores into new volumes and swaps only once the restored container is up', () => {
  it('prepares beside the running original, then swaps; the old volume is kept, unused', async () => {
    const h = dbHost();
    const out = await rollback(h);
    expect(out.result).toBe('ok');
    expect(h.calls.filter((c) => !c.includes('-helper-'))).toEqual([
      `volume create ${RESTORED}`,
      `create db-1_fleetdeck-restoring snap:1 ${RESTORED}:/data`,
      'put db-1_fleetdeck-restoring /',
      // Only now is the original touched.
      'stop db-1',
      'rename db-1 db-1_fleetdeck-prev',
      'rename db-1_fleetdeck-restoring db-1',
      'start db-1',
      'rm db-1_fleetdeck-prev',
    ]);
    const [c] = [...h.containers.values()];
    expect(scene(h)).toEqual({
      containers: [`${c!.id} db-1 snap:1 running ${RESTORED}`],
      volumes: ['dbdata', RESTORED],
    });
    expect(out.message).toContain(`on 1 restored volume (${RESTORED})`);
    expect(out.message).toContain('the volumes it ran on before are kept, unused: dbdata');
    expect(out.details).toMatchObject({ volumes: [RESTORED], keptVolumes: ['dbdata'] });
  });

  const original = (_h: FakeMutations) => ({
    containers: [`lab-0-db-1-0001 db-1 tiny:latest running dbdata`],
    volumes: ['dbdata'],
  });

  // Each step that can fail, by the fake's log line; the original must end as it began.
  const points: Array<[string, string, RegExp]> = [
    ['creating the new volume', 'volume create', /preparing the rollback .* was not stopped/],
    ['creating the restored container', 'create db-1_fleetdeck-restoring', /was not stopped/],
    ['restoring the data into it', 'put', /its volumes were not touched, the new volumes were removed/],
    ['stopping the original', 'stop db-1', /the original db-1 was put back on its own volumes/],
    ['renaming the original', 'rename db-1 ', /the original db-1 was put back/],
    ['giving the restored one the name', 'rename db-1_fleetdeck-restoring', /put back/],
    ['starting the restored one', 'start db-1', /put back on its own volumes/],
  ];
  for (const [what, call, said] of points) {
    it(`a failure ${what}: the original runs on its own volumes, the new ones are gone`, async () => {
      const h = dbHost();
      h.failAt.set(call, 1);
      const out = await rollback(h);
      expect(out.result).toBe('failed');
      expect(out.message).toMatch(/^lab-0\/db-1: /);
      expect(out.message).toMatch(said);
      expect(scene(h)).toEqual(original(h));
      expect(h.calls).not.toContain('volume rm dbdata');
    });
  }

  it('a restored container that does not come up: the original is put back untouched', async () => {
    const h = dbHost();
    h.healthOfImage = (image) => (image === 'snap:1' ? 'exits' : 'none');
    const out = await rollback(h);
    expect(out.result).toBe('failed');
    expect(out.message).toMatch(
      /^lab-0\/db-1 exited with 3 instead of staying up — the previous db-1 was put back on its own volumes, untouched; the restored volumes were removed/,
    );
    expect(scene(h)).toEqual(original(h));
  });

  it('a damaged snapshot creates nothing at all', async () => {
    const h = dbHost();
    const { Readable } = await import('node:stream');
    h.getArchive = () => Promise.resolve(Readable.from([Buffer.from('bad!')]));
    const out = await rollback(h);
    expect(out.result).toBe('failed');
    expect(out.message).toContain('does not match what was recorded for /data');
    expect(h.calls).toEqual([`rm fleetdeck-verify-helper-${TAG}`]);
    expect(scene(h)).toEqual(original(h));
  });

  it('names the new volumes after the old ones (anonymous ones after the container)', () => {
    const v = { destination: '/d', type: 'volume' as const, index: 2, bytes: 0, sha256: '' };
    expect(restoredVolumeName('db-1', { ...v, name: 'pg_data' }, TAG)).toBe(`pg_data-restored-${TAG}`);
    expect(restoredVolumeName('db-1', { ...v, name: 'a'.repeat(64) }, TAG)).toBe(`db-1-vol2-restored-${TAG}`);
    expect(restoredVolumeName('db-1', { ...v, type: 'bind' }, TAG)).toBe(`db-1-vol2-restored-${TAG}`);
  });
});
