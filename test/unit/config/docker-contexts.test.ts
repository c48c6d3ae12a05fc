import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  contextMetaFile,
  contextToDraft,
  dockerConfigDir,
  listDockerContexts,
  selectDockerContexts,
} from '../../../src/config/docker-contexts.js';
import { parseDockerEndpoint } from '../../../src/config/docker-endpoint.js';
import { makeDockerConfig } from './docker-context-fixture.js';

const homedir = '/home/ann';
const contexts = {
  'prod-eu': 'ssh://deploy@eu.example:2222',
  'prod-us': 'ssh://us.example',
  staging: 'ssh://ops@[::1]:2200',
  desktop: 'unix:///home/ann/.docker/desktop/docker.sock',
  remote: 'tcp://10.0.0.9:2376',
};

describe('Docker context storage', () => {
  it('uses $DOCKER_CONFIG, else ~/.docker', () => {
    expect(dockerConfigDir({ env: {}, homedir })).toBe('/home/ann/.docker');
    expect(dockerConfigDir({ env: { DOCKER_CONFIG: '/etc/dc' }, homedir })).toBe('/etc/dc');
  });

  it('stores a context under the sha256 of its name', () => {
    const digest = createHash('sha256').update('prod-eu').digest('hex');
    expect(contextMetaFile('/c', 'prod-eu')).toBe(join('/c', 'contexts', 'meta', digest, 'meta.json'));
  });

  it('lists every stored context sorted by name', async () => {
    const dir = makeDockerConfig(contexts);
    expect((await listDockerContexts(dir)).map((c) => c.name)).toEqual([
      'desktop',
      'prod-eu',
      'prod-us',
      'remote',
      'staging',
    ]);
  });
});

describe('selectDockerContexts', () => {
  const env = () => ({ DOCKER_CONFIG: makeDockerConfig(contexts) });

  it('selects by exact name and by glob, without duplicates, in argument order', async () => {
    const { contexts: selected, issues } = await selectDockerContexts(['staging', 'prod-*', 'prod-eu'], {
      env: env(),
      homedir,
    });
    expect(issues).toEqual([]);
    expect(selected.map((c) => c.name)).toEqual(['staging', 'prod-eu', 'prod-us']);
    expect(selected[1]?.host).toBe('ssh://deploy@eu.example:2222');
  });

  it('"default" is $DOCKER_HOST or the local socket, and globs do not match it', async () => {
    const withHost = await selectDockerContexts(['default'], {
      env: { ...env(), DOCKER_HOST: 'unix:///run/d.sock' },
      homedir,
    });
    expect(withHost.contexts).toEqual([{ name: 'default', host: 'unix:///run/d.sock' }]);
    const plain = await selectDockerContexts(['default'], { env: env(), homedir });
    expect(plain.contexts[0]?.host).toBe('unix:///var/run/docker.sock');
    const glob = await selectDockerContexts(['d*'], { env: env(), homedir });
    expect(glob.contexts.map((c) => c.name)).toEqual(['desktop']);
  });

  it('reports unknown names and globs matching nothing, listing the known contexts', async () => {
    const { contexts: selected, issues } = await selectDockerContexts(['nope', 'qa-*'], {
      env: env(),
      homedir,
    });
    expect(selected).toEqual([]);
    expect(issues).toEqual([
      expect.objectContaining({
        file: '--context nope',
        message: expect.stringContaining('known: desktop, prod-eu'),
      }),
      expect.objectContaining({
        file: '--context qa-*',
        message: expect.stringContaining('no such Docker context'),
      }),
    ]);
  });
});

describe('contexts as hosts', () => {
  it('ssh:// → an ssh draft with the default socket; unix:// → local; tcp:// → an error naming the context', () => {
    expect(contextToDraft({ name: 'prod-eu', host: 'ssh://deploy@eu.example:2222', metaFile: '/m' })).toEqual(
      {
        draft: {
          kind: 'ssh',
          name: 'prod-eu',
          target: { host: 'eu.example', user: 'deploy', port: 2222 },
          socket: '/var/run/docker.sock',
          origin: { file: '/m', path: 'Endpoints.docker.Host' },
        },
      },
    );
    expect(contextToDraft({ name: 'desktop', host: 'unix:///d.sock', metaFile: '/m' })).toMatchObject({
      draft: { kind: 'local', name: 'desktop', socketPath: '/d.sock' },
    });
    const tcp = contextToDraft({ name: 'remote', host: 'tcp://10.0.0.9:2376', metaFile: '/m' });
    expect(tcp).toMatchObject({
      issue: { file: '/m', message: expect.stringMatching(/^Docker context "remote": .*not supported yet/) },
    });
  });

  it('parses IPv6 ssh endpoints and refuses a path after the host', () => {
    expect(parseDockerEndpoint('ssh://ops@[::1]:2200')).toEqual({
      kind: 'ssh',
      target: { host: '::1', user: 'ops', port: 2200 },
      socket: '/var/run/docker.sock',
    });
    expect(parseDockerEndpoint('ssh://h/')).toMatchObject({ kind: 'ssh' });
    expect(parseDockerEndpoint('ssh://h/var/run/x.sock')).toMatchObject({ kind: 'unsupported' });
    expect(parseDockerEndpoint('npipe:////./pipe/docker_engine')).toMatchObject({ kind: 'unsupported' });
  });
});
