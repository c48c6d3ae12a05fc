import { describe, expect, it } from 'vitest';
import { cloneSpec } from '../../../src/docker/mutations/clone-spec.js';

describe('cloneSpec', () => {
  const source = {
    Id: '0123456789abcdef',
    Name: '/web-1',
    Config: {
      Hostname: 'web-1',
      Env: ['PATH=/bin', 'MODE=prod'],
      Cmd: ['sh', '-c', 'serve'],
      Entrypoint: null,
      Image: 'tiny:latest',
      Labels: { role: 'web', 'org.fleetdeck.lab.image': 'tiny-v1' },
      StopSignal: 'SIGINT',
      StopTimeout: 5,
      MacAddress: '02:42:ac:11:00:02',
    },
    HostConfig: {
      Binds: ['data:/data'],
      NetworkMode: 'app',
      RestartPolicy: { Name: 'unless-stopped', MaximumRetryCount: 0 },
      PortBindings: { '80/tcp': [{ HostPort: '8080' }] },
    },
    Mounts: [
      { Type: 'volume', Name: 'data', Destination: '/data', RW: true },
      { Type: 'volume', Name: 'anon123', Destination: '/cache', RW: true },
    ],
    NetworkSettings: {
      Networks: { app: { Aliases: ['web', '0123456789ab'] }, metrics: { Aliases: null } },
    },
  };
  const oldImage = { Env: ['PATH=/bin'], Cmd: ['/bin/sh'], Labels: { 'org.fleetdeck.lab.image': 'tiny-v1' } };

  it('keeps what the operator configured, drops what the old image supplied and what names the old container', () => {
    expect(cloneSpec(source, oldImage, { image: 'tiny:v2', name: 'web-1' })).toEqual({
      name: 'web-1',
      body: {
        Hostname: 'web-1',
        Env: ['MODE=prod'],
        Image: 'tiny:v2',
        Labels: { role: 'web' },
        StopSignal: 'SIGINT',
        StopTimeout: 5,
        Tty: false,
        OpenStdin: false,
        StdinOnce: false,
        Cmd: ['sh', '-c', 'serve'],
        HostConfig: {
          Binds: ['data:/data', 'anon123:/cache'],
          NetworkMode: 'app',
          RestartPolicy: { Name: 'unless-stopped', MaximumRetryCount: 0 },
          PortBindings: { '80/tcp': [{ HostPort: '8080' }] },
        },
        NetworkingConfig: { EndpointsConfig: { app: { Aliases: ['web'] } } },
      },
      extraNetworks: [{ name: 'metrics', aliases: [] }],
    });
  });

  it('a one-off (migration) gets its command, no restart policy and no published ports', () => {
    const spec = cloneSpec(source, oldImage, {
      image: 'tiny:v2',
      name: 'web-migrate',
      cmd: ['sh', '-c', 'migrate'],
      noRestart: true,
    });
    expect(spec.body.Cmd).toEqual(['sh', '-c', 'migrate']);
    expect(spec.body.HostConfig).toMatchObject({
      RestartPolicy: { Name: 'no', MaximumRetryCount: 0 },
      AutoRemove: false,
      PortBindings: {},
    });
  });

  it('network mode none or host: no endpoint config; an id-derived hostname is not copied', () => {
    const spec = cloneSpec(
      {
        ...source,
        Config: { ...source.Config, Hostname: '0123456789ab' },
        HostConfig: { NetworkMode: 'none' },
      },
      oldImage,
      { image: 'tiny:v2', name: 'web-1' },
    );
    expect(spec.body.Hostname).toBeUndefined();
    expect(spec.body.NetworkingConfig).toBeUndefined();
    expect(spec.extraNetworks).toEqual([]);
  });

  it('replaceMounts: a bind, a named, an anonymous volume and a --mount at a destination become the new volume there', () => {
    const spec = cloneSpec(
      {
        ...source,
        HostConfig: {
          ...source.HostConfig,
          Binds: ['data:/data', '/srv/conf:/conf:ro,rprivate', 'logs:/logs'],
          Mounts: [{ Target: '/m' }, { Target: '/other' }],
        },
      },
      oldImage,
      {
        image: 'snap:1',
        name: 'web-1_fleetdeck-restoring',
        replaceMounts: { '/data': 'data-r', '/conf': 'conf-r', '/cache': 'cache-r', '/m': 'm-r' },
      },
    );
    expect(spec.body.HostConfig).toMatchObject({
      Binds: ['data-r:/data', 'conf-r:/conf:ro', 'logs:/logs', 'cache-r:/cache', 'm-r:/m'],
      Mounts: [{ Target: '/other' }],
    });
  });
});
