import { describe, expect, it } from 'vitest';
import { snapshotLeftovers } from '../../../src/actions/snapshot-leftovers.js';
import { details, FakeMutations } from './fake-mutations.js';

describe('what interrupted snapshots left', () => {
  it('reports helper containers and …-base images per host, skipping a host that does not answer', async () => {
    const a = new FakeMutations('lab-0', [
      details('lab-0', 'db-1'),
      details('lab-0', 'fleetdeck-snapshot-copy-20240501-031502', { id: 'h1', state: 'exited' }),
    ]);
    a.images = () =>
      Promise.resolve([
        {
          id: 'sha256:b',
          tags: ['fleetdeck-snapshot/db-1:20240501-031502-base'],
          labels: {},
          size: 1,
          created: 1,
        },
        {
          id: 'sha256:s',
          tags: ['fleetdeck-snapshot/db-1:20240401-000000'],
          labels: {},
          size: 1,
          created: 1,
        },
      ]);
    const down = new FakeMutations('lab-1');
    down.list = () => Promise.reject(new Error('lab-1: no answer'));
    expect(await snapshotLeftovers([a, down])).toEqual([
      {
        host: 'lab-0',
        kind: 'helper',
        name: 'fleetdeck-snapshot-copy-20240501-031502',
        remove: 'docker rm -f fleetdeck-snapshot-copy-20240501-031502',
      },
      {
        host: 'lab-0',
        kind: 'base-image',
        name: 'fleetdeck-snapshot/db-1:20240501-031502-base',
        remove: 'docker rmi fleetdeck-snapshot/db-1:20240501-031502-base',
      },
    ]);
  });
});
