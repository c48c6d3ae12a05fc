import { describe, expect, it } from 'vitest';
import { renderResources } from '../../../src/app/commands/resources.js';
import { readImages, readNetworks, readVolumes } from '../../../src/docker/resources/read.js';
import { collectResources } from '../../../src/fleet/resources/collect.js';
import { FakeDaemonApi } from './fake-daemon-api.js';

const NOW = Date.parse('2026-12-02T12:00:00Z');
const DAY = 86_400;

function lab(name: string): FakeDaemonApi {
  return new FakeDaemonApi(name).answer('GET /containers/json', [
    {
      Id: 'c1',
      ImageID: 'sha256:aaa',
      Mounts: [
        { Type: 'volume', Name: 'data' },
        { Type: 'volume', Name: 'data' },
        { Type: 'bind', Name: '' },
      ],
      NetworkSettings: { Networks: { app: { NetworkID: `${name}-net-app` } } },
    },
    {
      Id: 'c2',
      ImageID: 'sha256:aaa',
      NetworkSettings: { Networks: { bridge: { NetworkID: `${name}-net-bridge` } } },
    },
  ]);
}

describe('images', () => {
  it('maps and merges: one row per ID with its hosts, containers summed, dangling only when untagged everywhere', async () => {
    const a = lab('lab-0').answer('GET /images/json', [
      { Id: 'sha256:aaa', RepoTags: ['tiny:latest'], Size: 1000, Created: NOW / 1000 - 2 * DAY },
      {
        Id: 'sha256:bbb',
        RepoTags: ['<none>:<none>'],
        RepoDigests: ['<none>@<none>'],
        Size: 50,
        Created: NOW / 1000 - DAY,
      },
    ]);
    const b = lab('lab-1').answer('GET /images/json', [
      { Id: 'sha256:aaa', RepoTags: ['tiny:latest', 'tiny:v1'], Size: 1000, Created: NOW / 1000 - 2 * DAY },
    ]);
    expect((await readImages(a))[1]).toMatchObject({ tags: [], digests: [], dangling: true, containers: 0 });
    const listing = await collectResources('images', [a, b]);
    expect(listing.rows.map((r) => [r.id, r.hosts, r.containers, r.dangling, r.tags])).toEqual([
      ['sha256:bbb', ['lab-0'], 0, true, []],
      ['sha256:aaa', ['lab-0', 'lab-1'], 4, false, ['tiny:latest', 'tiny:v1']],
    ]);
    const table = renderResources('images', listing, {}, NOW);
    expect(table.split('\n')[0]).toMatch(/^ID\s+TAGS\s+HOSTS\s+SIZE\s+CONTAINERS\s+CREATED\s+DANGLING$/);
    expect(table).toMatch(/aaa\s+tiny:latest \+1\s+lab-0,lab-1\s+1 kB\s+4\s+2d\s+no/);
    expect(renderResources('images', listing, { output: 'name' }, NOW)).toBe('bbb\ntiny:latest\n');
    const json = JSON.parse(renderResources('images', listing, { json: true }, NOW)) as {
      images: Array<{ id: string; created: string; places: unknown[] }>;
    };
    expect(json.images[1]).toMatchObject({
      id: 'sha256:aaa',
      created: new Date(NOW - 2 * DAY * 1000).toISOString(),
      places: [
        { host: 'lab-0', containers: 2, dangling: false, sizeBytes: 1000 },
        { host: 'lab-1', containers: 2, dangling: false, sizeBytes: 1000 },
      ],
    });
    expect(renderResources('images', listing, { headers: false }, NOW)).not.toMatch(/^ID/);
  });

  it('a host that fails is listed as unreachable with its reason; the others still give rows', async () => {
    const a = lab('lab-0').answer('GET /images/json', [{ Id: 'sha256:aaa', RepoTags: ['t:1'] }]);
    const b = lab('lab-1');
    b.fail = { code: 'connection-refused', message: 'lab-1: ssh connection refused — is sshd running?' };
    const listing = await collectResources('images', [a, b]);
    expect(listing.hosts).toEqual(['lab-0']);
    expect(listing.rows).toHaveLength(1);
    const json = JSON.parse(renderResources('images', listing, { json: true }, NOW)) as {
      unreachable: unknown;
    };
    expect(json.unreachable).toEqual([
      { host: 'lab-1', state: 'unreachable', reason: 'lab-1: ssh connection refused — is sshd running?' },
    ]);
  });

  it('a non-2xx answer names the host, the request and what Docker said', async () => {
    const a = lab('lab-0').answer('GET /images/json', { message: 'boom' }, 500);
    await expect(readImages(a)).rejects.toThrow('lab-0: Docker answered 500 to GET /images/json: boom');
  });
});

describe('volumes', () => {
  it('counts each container once, takes sizes from /system/df, sums sizes across hosts', async () => {
    const vols = {
      Volumes: [
        { Name: 'data', Driver: 'local', CreatedAt: '2026-12-01T12:00:00Z' },
        { Name: 'old', Driver: 'local' },
      ],
    };
    const a = lab('lab-0')
      .answer('GET /volumes', vols)
      .answer('GET /system/df', {
        Volumes: [
          { Name: 'data', UsageData: { Size: 100 } },
          { Name: 'old', UsageData: { Size: -1 } },
        ],
      });
    const b = lab('lab-1').answer('GET /volumes', vols).answer('GET /system/df', {}, 500);
    const [data, old] = await readVolumes(a);
    expect(data).toMatchObject({ name: 'data', containers: 1, sizeBytes: 100, created: NOW / 1000 - DAY });
    expect(old?.sizeBytes).toBeUndefined();
    const listing = await collectResources('volumes', [a, b]);
    expect(listing.rows.map((r) => [r.name, r.hosts, r.containers, r.sizeBytes, r.dangling])).toEqual([
      ['data', ['lab-0', 'lab-1'], 2, 100, false],
      ['old', ['lab-0', 'lab-1'], 0, undefined, true],
    ]);
    expect(renderResources('volumes', listing, { output: 'wide' }, NOW)).toMatch(
      /lab-0 100 B 1c, lab-1 \? 1c/,
    );
  });
});

describe('networks', () => {
  it('merges by name; builtin networks are never dangling; unused others are', async () => {
    const nets = (h: string) => [
      { Id: `${h}-net-bridge`, Name: 'bridge', Driver: 'bridge', Scope: 'local' },
      {
        Id: `${h}-net-app`,
        Name: 'app',
        Driver: 'bridge',
        Scope: 'local',
        Created: '2026-12-01T12:00:00.123456789Z',
      },
      { Id: `${h}-net-idle`, Name: 'idle', Driver: 'bridge', Scope: 'local' },
      { Id: `${h}-net-none`, Name: 'none', Driver: 'null', Scope: 'local' },
    ];
    const a = lab('lab-0').answer('GET /networks', nets('lab-0'));
    const b = lab('lab-1').answer('GET /networks', nets('lab-1'));
    expect((await readNetworks(a))[1]).toMatchObject({
      name: 'app',
      containers: 1,
      created: NOW / 1000 - DAY,
    });
    const listing = await collectResources('networks', [a, b]);
    expect(listing.rows.map((r) => [r.name, r.containers, r.builtin, r.dangling, r.ids.length])).toEqual([
      ['app', 2, false, false, 2],
      ['bridge', 2, true, false, 2],
      ['idle', 0, false, true, 2],
      ['none', 0, true, false, 2],
    ]);
    expect(renderResources('networks', listing, {}, NOW)).toMatch(
      /none\s+null\s+local\s+lab-0,lab-1\s+0\s+-\s+builtin/,
    );
  });
});
