import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FleetConfigError } from '../../../src/config/fleet-config-error.js';
import { describeMissingTarget } from '../../../src/config/missing-target.js';
import { fleetFromFile, loadFleet } from '../../../src/config/load-fleet.js';
import { makeDockerConfig } from './docker-context-fixture.js';
import { fakeSshG, noSshBinary } from './fake-ssh.js';

const homedir = '/home/ann';
const runner = fakeSshG({
  'web-b': { hostname: '10.0.0.6', user: 'ops', identityfile: '~/.ssh/web_b', proxyjump: 'gate' },
  gate: { hostname: 'gate.example', user: 'jump' },
});

function writeFleet(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'fleetdeck-fleet-')), 'fleet.yaml');
  writeFileSync(file, text);
  return file;
}

async function loadError(promise: Promise<unknown>): Promise<FleetConfigError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(FleetConfigError);
  return error as FleetConfigError;
}

const fleetText = `knownHostsFile: ~/.ssh/fleet_known_hosts
hostKeyPolicy: accept-new
connect: { concurrency: 8 }
hosts:
  - name: web-a
    ssh: deploy@10.0.0.5:2222
    identityFile: ~/.ssh/id_ed25519
    group: prod
    hostKeyPolicy: strict
  - name: web-b
    ssh: web-b
    socket: /run/user/1000/docker.sock
  - name: v6
    ssh: "[::1]:2200"
    proxyJump: jumpy@gate:2022
  - name: local
    docker: unix:///var/run/docker.sock
`;

describe('loadFleet with a fleet file', () => {
  it('turns entries into HostSpecs: explicit values win, ssh config fills the rest', async () => {
    const file = writeFleet(fleetText);
    const fleet = await loadFleet({ fleetFile: file, env: {}, homedir, runner, username: 'ann' });
    expect(fleet.file).toBe(file);
    expect(fleet.settings).toEqual({
      knownHostsFile: '/home/ann/.ssh/fleet_known_hosts',
      hostKeyPolicy: 'accept-new',
      setInFile: {
        knownHostsFile: true,
        hostKeyPolicy: true,
        timeoutSeconds: false,
        keepaliveSeconds: false,
      },
      roleLabel: 'role',
      roles: {},
      connect: { concurrency: 8, timeoutSeconds: 10, keepaliveSeconds: 15 },
      storage: { warnPercent: 80, critPercent: 90 },
      snapshots: { roles: {} },
      theme: 'dark',
    });
    const fleetKeys = (policy: string) => ({
      userKnownHostsFiles: ['/home/ann/.ssh/fleet_known_hosts'],
      globalKnownHostsFiles: ['/etc/ssh/ssh_known_hosts', '/etc/ssh/ssh_known_hosts2'],
      policy,
    });
    expect(fleet.hosts).toEqual([
      {
        kind: 'ssh',
        name: 'web-a',
        group: 'prod',
        ssh: {
          host: '10.0.0.5',
          port: 2222,
          user: 'deploy',
          alias: '10.0.0.5',
          identityFiles: ['/home/ann/.ssh/id_ed25519'],
          hostKeys: fleetKeys('strict'),
        },
        socket: '/var/run/docker.sock',
        knownHostsFile: '/home/ann/.ssh/fleet_known_hosts',
        hostKeyPolicy: 'strict',
      },
      {
        kind: 'ssh',
        name: 'web-b',
        ssh: {
          host: '10.0.0.6',
          port: 22,
          user: 'ops',
          alias: 'web-b',
          identityFiles: ['/home/ann/.ssh/web_b'],
          hostKeys: fleetKeys('accept-new'),
          jumpHosts: [
            expect.objectContaining({
              host: 'gate.example',
              user: 'jump',
              hostKeys: fleetKeys('accept-new'),
            }),
          ],
          proxyJump: 'jump@gate.example:22',
        },
        socket: '/run/user/1000/docker.sock',
        knownHostsFile: '/home/ann/.ssh/fleet_known_hosts',
        hostKeyPolicy: 'accept-new',
      },
      {
        kind: 'ssh',
        name: 'v6',
        ssh: expect.objectContaining({
          host: '::1',
          port: 2200,
          user: 'me',
          identityFiles: ['/home/ann/.ssh/id_rsa', '/home/ann/.ssh/id_ed25519'],
          proxyJump: 'jumpy@gate.example:2022',
        }),
        socket: '/var/run/docker.sock',
        knownHostsFile: '/home/ann/.ssh/fleet_known_hosts',
        hostKeyPolicy: 'accept-new',
      },
      { kind: 'local', name: 'local', socketPath: '/var/run/docker.sock' },
    ]);
  });

  it('finds the file through $FLEETDECK_CONFIG and the XDG dir', async () => {
    const file = writeFleet('hosts:\n  - name: a\n    docker: unix:///a.sock\n');
    expect((await loadFleet({ env: { FLEETDECK_CONFIG: file }, homedir, runner })).file).toBe(file);
    const xdgRoot = mkdtempSync(join(tmpdir(), 'fleetdeck-xdg-'));
    mkdirSync(join(xdgRoot, 'fleetdeck'));
    writeFileSync(join(xdgRoot, 'fleetdeck', 'fleet.yaml'), '');
    // An empty fleet file with no contexts has no hosts: that is an error, not a silent local fallback.
    const error = await loadError(loadFleet({ env: { XDG_CONFIG_HOME: xdgRoot }, homedir, runner }));
    expect(error.issues).toEqual([
      expect.objectContaining({
        file: join(xdgRoot, 'fleetdeck', 'fleet.yaml'),
        path: 'hosts',
        message: expect.stringContaining('no hosts'),
      }),
    ]);
  });

  it('a --fleet or $FLEETDECK_CONFIG file that does not exist is an error', async () => {
    const error = await loadError(
      loadFleet({ fleetFile: '/nonexistent/fleet.yaml', env: {}, homedir, runner }),
    );
    expect(error.message).toBe('/nonexistent/fleet.yaml: fleet file not found (from --fleet)');
    const fromEnv = await loadError(
      loadFleet({ env: { FLEETDECK_CONFIG: '/nonexistent/f.yaml' }, homedir, runner }),
    );
    expect(fromEnv.message).toContain('$FLEETDECK_CONFIG');
  });

  it('a failing ssh -G is an error at the host entry line', async () => {
    const file = writeFleet('hosts:\n  - name: ok\n    ssh: ok\n  - name: broken\n    ssh: broken\n');
    const failing = (fileName: string, args: readonly string[]) =>
      args.includes('broken')
        ? Promise.resolve({ code: 255, stdout: '', stderr: 'line 3: Bad configuration option: nope' })
        : runner(fileName, args);
    const error = await loadError(loadFleet({ fleetFile: file, env: {}, homedir, runner: failing }));
    expect(error.issues).toEqual([
      {
        file,
        line: 4,
        path: 'hosts[1]',
        message: expect.stringMatching(
          /^broken: ssh -G broken failed \(line 3: Bad configuration option: nope\)/,
        ),
      },
    ]);
  });

  it('validation errors surface as FleetConfigError from loadFleet', async () => {
    const file = writeFleet('hosts:\n  - name: a\n    ssh: a\n    docker: unix:///s\n');
    const error = await loadError(fleetFromFile(file, { env: {}, homedir, runner }));
    expect(error.message).toBe(`${file}:4: hosts[0].docker: has both ssh: and docker: — keep exactly one`);
  });

  it('resolves through the ssh_config fallback when there is no ssh binary', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fleetdeck-nossh-'));
    const sshConfig = join(dir, 'config');
    writeFileSync(sshConfig, 'Host box\n  HostName 192.0.2.7\n  User admin\n');
    const file = writeFleet('hosts:\n  - name: box\n    ssh: box\n');
    const fleet = await loadFleet({
      fleetFile: file,
      env: {},
      homedir,
      runner: noSshBinary,
      username: 'ann',
      sshConfigFiles: [sshConfig],
    });
    expect(fleet.hosts[0]).toMatchObject({
      kind: 'ssh',
      ssh: { host: '192.0.2.7', user: 'admin', port: 22 },
    });
  });
});

describe('loadFleet with Docker contexts', () => {
  const dockerConfig = () =>
    makeDockerConfig({
      'prod-eu': 'ssh://deploy@eu.example:2222',
      'prod-us': 'ssh://web-b',
      desktop: 'unix:///d.sock',
      remote: 'tcp://h:2376',
    });

  it('contexts alone make the fleet, ssh ones resolved through ssh config', async () => {
    const env = { DOCKER_CONFIG: dockerConfig(), XDG_CONFIG_HOME: '/nonexistent' };
    const fleet = await loadFleet({ contexts: ['prod-*', 'desktop'], env, homedir, runner });
    expect(fleet.file).toBeUndefined();
    expect(fleet.hosts.map((h) => h.name)).toEqual(['prod-eu', 'prod-us', 'desktop']);
    expect(fleet.hosts[0]).toMatchObject({
      kind: 'ssh',
      ssh: { host: 'eu.example', user: 'deploy', port: 2222 },
      socket: '/var/run/docker.sock',
      hostKeyPolicy: 'strict',
    });
    expect(fleet.hosts[1]).toMatchObject({ kind: 'ssh', ssh: { host: '10.0.0.6', user: 'ops' } });
    expect(fleet.hosts[2]).toEqual({ kind: 'local', name: 'desktop', socketPath: '/d.sock' });
  });

  it('contexts add to the fleet file; a clash of names and tcp:// contexts are errors', async () => {
    const file = writeFleet('hosts:\n  - name: desktop\n    docker: unix:///x.sock\n');
    const error = await loadError(
      loadFleet({
        fleetFile: file,
        contexts: ['desktop', 'remote'],
        env: { DOCKER_CONFIG: dockerConfig() },
        homedir,
        runner,
      }),
    );
    expect(error.issues.map((i) => i.message)).toEqual([
      expect.stringMatching(
        /^Docker context "remote": tcp:\/\/h:2376: tcp:\/\/ endpoints are not supported yet/,
      ),
      'duplicate host name "desktop" (also defined earlier in the fleet)',
    ]);
  });
});

describe('loadFleet with nothing configured', () => {
  it('falls back to the local daemon at /var/run/docker.sock', async () => {
    const fleet = await loadFleet({ env: { XDG_CONFIG_HOME: '/nonexistent' }, homedir, runner });
    expect(fleet).toMatchObject({
      file: undefined,
      hosts: [{ kind: 'local', name: 'local', socketPath: '/var/run/docker.sock' }],
    });
    expect(fleet.settings.knownHostsFile).toBe('/home/ann/.ssh/known_hosts');
  });

  it('uses a unix $DOCKER_HOST, and refuses a tcp one clearly', async () => {
    const fleet = await loadFleet({
      env: { XDG_CONFIG_HOME: '/nonexistent', DOCKER_HOST: 'unix:///run/d.sock' },
      homedir,
      runner,
    });
    expect(fleet.hosts).toEqual([{ kind: 'local', name: 'local', socketPath: '/run/d.sock' }]);
    const error = await loadError(
      loadFleet({ env: { XDG_CONFIG_HOME: '/nonexistent', DOCKER_HOST: 'tcp://h:2375' }, homedir, runner }),
    );
    expect(error.message).toContain('$DOCKER_HOST: tcp://h:2375: tcp:// endpoints are not supported yet');
  });

  it('describeMissingTarget names what was tried and what to do', () => {
    const message = describeMissingTarget({ env: {}, homedir });
    expect(message).toContain('no fleet file at /home/ann/.config/fleetdeck/fleet.yaml');
    expect(message).toContain('no Docker socket at /var/run/docker.sock');
    expect(message).toContain('ssh: deploy@10.0.0.5');
    // The lab exists only in a checkout of fleetdeck, not after `npm install -g`.
    expect(message).not.toContain('npm run lab');
    expect(describeMissingTarget({ env: {}, homedir, checkout: '/src/fleetdeck' })).toContain(
      'start the local test lab: npm run lab (in /src/fleetdeck)',
    );
  });
});
