import { describe, expect, it } from 'vitest';
import { defaultDockerHost, parseDockerEndpoint } from '../../../src/config/docker-endpoint.js';
import { loadFleet } from '../../../src/config/load-fleet.js';
import { FleetConfigError } from '../../../src/config/fleet-config-error.js';
import { fakeSshG } from './fake-ssh.js';

const homedir = '/home/ann';

describe('DOCKER_HOST as fleetdeck reads it (no fleet file: the local default target)', () => {
  it('parses unix://, ssh://user@host:port and refuses the rest with a reason', () => {
    expect(parseDockerEndpoint('unix:///run/d.sock')).toEqual({ kind: 'local', socketPath: '/run/d.sock' });
    expect(parseDockerEndpoint('ssh://ops@web-9:2222')).toEqual({
      kind: 'ssh',
      target: { user: 'ops', host: 'web-9', port: 2222 },
      socket: '/var/run/docker.sock',
    });
    expect(parseDockerEndpoint('ssh://web-9/')).toMatchObject({ kind: 'ssh', target: { host: 'web-9' } });
    expect(parseDockerEndpoint('ssh://web-9/run/docker.sock')).toMatchObject({ kind: 'unsupported' });
    const tcp = parseDockerEndpoint('tcp://10.0.0.5:2376');
    expect(tcp).toMatchObject({ kind: 'unsupported' });
    expect(tcp.kind === 'unsupported' && tcp.reason).toMatch(
      /tcp:\/\/ endpoints are not supported yet .*ssh:\/\/.*unix:\/\/.*DOCKER_TLS_VERIFY and DOCKER_CERT_PATH are not read/,
    );
    expect(parseDockerEndpoint('npipe:////./pipe/docker_engine')).toMatchObject({ kind: 'unsupported' });
    expect(parseDockerEndpoint('unix://')).toMatchObject({ kind: 'unsupported' });
  });

  it('takes DOCKER_HOST from the env it is given, never the process’s', () => {
    const before = process.env.DOCKER_HOST;
    process.env.DOCKER_HOST = 'ssh://should-not-be-read';
    try {
      expect(defaultDockerHost({})).toBe('unix:///var/run/docker.sock');
      expect(defaultDockerHost({ DOCKER_HOST: 'ssh://a@b:3' })).toBe('ssh://a@b:3');
      // DOCKER_CONTEXT is not followed: contexts are named with --context.
      expect(defaultDockerHost({ DOCKER_CONTEXT: 'prod' })).toBe('unix:///var/run/docker.sock');
    } finally {
      if (before === undefined) delete process.env.DOCKER_HOST;
      else process.env.DOCKER_HOST = before;
    }
  });

  it('makes ssh:// an SSH host of fleetdeck’s own pool, host key checked strictly against known_hosts', async () => {
    const fleet = await loadFleet({
      env: { XDG_CONFIG_HOME: '/nonexistent', DOCKER_HOST: 'ssh://ops@web-9:2222' },
      homedir,
      runner: fakeSshG({}),
    });
    expect(fleet.file).toBeUndefined();
    expect(fleet.hosts).toEqual([
      {
        kind: 'ssh',
        name: 'web-9',
        ssh: expect.objectContaining({ host: 'web-9', port: 2222, user: 'ops' }),
        socket: '/var/run/docker.sock',
        knownHostsFile: '/home/ann/.ssh/known_hosts',
        hostKeyPolicy: 'strict',
      },
    ]);
  });

  it('refuses a tcp:// DOCKER_HOST before connecting anywhere, naming where it came from', async () => {
    const error = await loadFleet({
      env: { XDG_CONFIG_HOME: '/nonexistent', DOCKER_HOST: 'tcp://h:2375', DOCKER_TLS_VERIFY: '1' },
      homedir,
      runner: fakeSshG({}),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FleetConfigError);
    expect((error as Error).message).toContain(
      '$DOCKER_HOST: tcp://h:2375: tcp:// endpoints are not supported',
    );
  });
});
