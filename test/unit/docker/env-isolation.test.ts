import Modem from 'docker-modem';
import Dockerode from 'dockerode';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ChannelAgent } from '../../../src/docker/channel-agent.js';
import { dockerodeOf } from '../../../src/docker/dockerode-of.js';
import { createLocalGateway } from '../../../src/docker/gateway.js';
import type { DockerHostApi } from '../../../src/docker/host-api.js';
import { fixture } from './fixtures.js';
import { json, startFakeDocker, type FakeDocker } from './fake-docker.js';

/*
 * docker-modem reads DOCKER_* from process.env itself (no way to pass it an env), so this test
 * sets them in its own process (vitest runs each file in its own fork) and restores them after.
 * fleetdeck's code takes its env as a parameter and never reads these.
 */
const HOSTILE_ENV: Record<string, string> = {
  DOCKER_HOST: 'ssh://root@127.0.0.1:1',
  DOCKER_TLS_VERIFY: '1',
  DOCKER_CERT_PATH: '/nonexistent/certs',
  DOCKER_CONTEXT: 'prod-somewhere',
  DOCKER_CLIENT_TIMEOUT: '1',
  DOCKER_PATH_PREFIX: '/elsewhere',
};
const saved = new Map<string, string | undefined>();

beforeAll(() => {
  for (const [k, v] of Object.entries(HOSTILE_ENV)) {
    saved.set(k, process.env[k]);
    process.env[k] = v;
  }
});
afterAll(() => {
  for (const [k, v] of saved) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

let docker: FakeDocker | undefined;
let api: DockerHostApi | undefined;
afterEach(async () => {
  await api?.close();
  await docker?.close();
  api = docker = undefined;
});

describe('the transport with DOCKER_HOST=ssh://… (and TLS/cert/context variables) in the environment', () => {
  it('is what breaks a plain dockerode: its modem reads them (the hazard this guards against)', () => {
    // DOCKER_CERT_PATH makes the constructor read cert files that are not there.
    expect(() => new Dockerode({ socketPath: '/var/run/docker.sock' })).toThrow(/ENOENT/);
    delete process.env.DOCKER_CERT_PATH;
    try {
      const modem = new Modem({ socketPath: '/var/run/docker.sock' }) as unknown as Record<string, unknown>;
      // With DOCKER_HOST set, docker-modem ignores the socket and would dial 127.0.0.1 itself.
      expect(modem.host).toBe('127.0.0.1');
      expect(modem.socketPath).toBeUndefined();
      expect(modem.protocol).toBe('https');
    } finally {
      process.env.DOCKER_CERT_PATH = HOSTILE_ENV.DOCKER_CERT_PATH;
    }
  });

  it('still reaches its own daemon through its own agent, for raw requests and dockerode calls', async () => {
    docker = await startFakeDocker('1.41', [json('/v1.41/containers/json', fixture('containers-list.json'))]);
    api = createLocalGateway(
      { kind: 'local', name: 'local-1', socketPath: docker.socketPath },
      { readOnly: true },
    );
    expect((await api.ping()).apiVersion).toBe('1.41');
    expect(await api.listContainers({ all: true })).toHaveLength(5);
    expect(docker.requests).toContain('GET /v1.41/containers/json?all=true');
    const modem = (await dockerodeOf(api)).modem as unknown as Record<string, unknown>;
    expect(modem.host).toBeUndefined();
    expect(modem.protocol).toBe('http');
    expect(modem.pathPrefix).toBeUndefined();
    expect(modem.timeout).toBeUndefined();
    expect(modem.agent).toBeInstanceOf(ChannelAgent);
  });

  it('keeps the read-only guard of its agent (docker-modem’s ssh client would bypass it)', async () => {
    docker = await startFakeDocker('1.41', []);
    api = createLocalGateway(
      { kind: 'local', name: 'local-1', socketPath: docker.socketPath },
      { readOnly: true },
    );
    const d = await dockerodeOf(api);
    await expect(d.getContainer('web-1').restart()).rejects.toThrow(/read-only mode: refused POST/);
    expect(docker.requests).toEqual(['GET /_ping']);
  });
});
