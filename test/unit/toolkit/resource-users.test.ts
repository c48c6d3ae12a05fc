import { describe, expect, it } from 'vitest';
import { collectResources } from '../../../src/fleet/resources/collect.js';
import { FakeDaemonApi } from './fake-daemon-api.js';

function host(name: string): FakeDaemonApi {
  return new FakeDaemonApi(name)
    .answer('GET /containers/json', [
      {
        Id: 'c1',
        Names: ['/web-1'],
        ImageID: 'sha256:aaa',
        Mounts: [{ Type: 'volume', Name: 'data' }],
        NetworkSettings: { Networks: { app: { NetworkID: `${name}-app` } } },
      },
      { Id: 'c2', Names: ['/worker-1'], ImageID: 'sha256:aaa' },
    ])
    .answer('GET /images/json', [{ Id: 'sha256:aaa', RepoTags: ['tiny:latest'], Size: 10 }])
    .answer('GET /volumes', { Volumes: [{ Name: 'data', Driver: 'local' }] })
    .answer('GET /networks', [{ Id: `${name}-app`, Name: 'app', Driver: 'bridge' }]);
}

describe('what uses a resource, per host (for the dashboard’s Enter)', () => {
  it('each place names the containers (without the leading /) that use the image, volume, network', async () => {
    const hosts = [host('lab-0'), host('lab-1')];
    const images = await collectResources('images', hosts);
    expect(images.rows[0]?.places.map((p) => [p.host, p.containers, p.users])).toEqual([
      ['lab-0', 2, ['web-1', 'worker-1']],
      ['lab-1', 2, ['web-1', 'worker-1']],
    ]);
    const volumes = await collectResources('volumes', hosts);
    expect(volumes.rows[0]?.places[0]).toMatchObject({ host: 'lab-0', containers: 1, users: ['web-1'] });
    const networks = await collectResources('networks', hosts);
    expect(networks.rows[0]?.places[1]).toMatchObject({ host: 'lab-1', containers: 1, users: ['web-1'] });
  });
});
