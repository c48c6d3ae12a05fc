import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FleetConfigError, type ConfigIssue } from '../../../src/config/fleet-config-error.js';
import { loadFleet } from '../../../src/config/load-fleet.js';
import { parseFleetText } from '../../../src/config/parse-fleet.js';
import { fakeSshG } from './fake-ssh.js';

const homedir = '/home/ann';
const runner = fakeSshG({});

function issuesOf(text: string): ConfigIssue[] {
  try {
    parseFleetText(text, 'fleet.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(FleetConfigError);
    return (error as FleetConfigError).issues;
  }
  throw new Error('expected the fleet file to be rejected');
}

function writeFleet(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'fleetdeck-swarms-')), 'fleet.yaml');
  writeFileSync(file, text);
  return file;
}

const swarmsOnly = `swarms:
  - name: prod
    managers:
      - ssh: deploy@10.0.0.5
        socket: /var/run/docker.sock
      - ssh: deploy@10.0.0.6
        identityFile: ~/.ssh/prod
      - name: m3
        docker: unix:///run/m3.sock
`;

describe('fleet file swarms:', () => {
  it('parses managers written like host entries, each with its line', () => {
    const parsed = parseFleetText(swarmsOnly, 'f');
    expect(parsed.fleet.hosts).toEqual([]);
    expect(parsed.fleet.swarms[0]?.managers).toMatchObject([
      { ssh: 'deploy@10.0.0.5', socket: '/var/run/docker.sock' },
      { ssh: 'deploy@10.0.0.6', identityFile: '~/.ssh/prod', socket: '/var/run/docker.sock' },
      { name: 'm3', docker: 'unix:///run/m3.sock' },
    ]);
    expect(parsed.swarmManagerLines).toEqual([[4, 6, 8]]);
  });

  it('refuses a swarm without managers, unknown keys and a manager with both ssh and docker', () => {
    expect(issuesOf('swarms:\n  - name: prod\n    managers: []\n')).toEqual([
      { file: 'fleet.yaml', line: 3, path: 'swarms[0].managers', message: 'expected at least one manager' },
    ]);
    expect(issuesOf('swarms:\n  - name: prod\n    manager: []\n')).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'swarms[0].manager', message: expect.stringContaining('managers') }),
      ]),
    );
    expect(
      issuesOf('swarms:\n  - name: p\n    managers:\n      - ssh: a\n        docker: unix:///s\n'),
    ).toEqual([
      expect.objectContaining({
        path: 'swarms[0].managers[0].docker',
        message: 'has both ssh: and docker: — keep exactly one',
      }),
    ]);
  });

  it('loads a fleet of swarms only: managers resolved like hosts, named SWARM-manager-N', async () => {
    const fleet = await loadFleet({
      fleetFile: writeFleet(swarmsOnly),
      env: {},
      homedir,
      runner,
      username: 'ann',
    });
    expect(fleet.hosts).toEqual([]);
    expect(fleet.swarms?.map((s) => s.name)).toEqual(['prod']);
    const managers = fleet.swarms?.[0]?.managers ?? [];
    expect(managers.map((m) => [m.name, m.kind, m.group])).toEqual([
      ['prod-manager-1', 'ssh', 'prod'],
      ['prod-manager-2', 'ssh', 'prod'],
      ['m3', 'local', 'prod'],
    ]);
    expect(managers[1]).toMatchObject({
      ssh: { host: '10.0.0.6', user: 'deploy', identityFiles: ['/home/ann/.ssh/prod'] },
    });
  });

  it('a manager named like a host is a duplicate name', async () => {
    const file = writeFleet(`hosts:\n  - name: prod-manager-1\n    ssh: a\n${swarmsOnly}`);
    const error = await loadFleet({ fleetFile: file, env: {}, homedir, runner, username: 'ann' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(FleetConfigError);
    expect((error as FleetConfigError).issues).toEqual([
      expect.objectContaining({
        path: 'swarms[0].managers[0]',
        message: expect.stringContaining('duplicate host name "prod-manager-1"'),
      }),
    ]);
  });
});
