import { describe, expect, it } from 'vitest';
import { FleetConfigError, type ConfigIssue } from '../../../src/config/fleet-config-error.js';
import { parseFleetText } from '../../../src/config/parse-fleet.js';
import { settingsFromFile } from '../../../src/config/settings.js';

function issuesOf(text: string): ConfigIssue[] {
  try {
    parseFleetText(text, 'fleet.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(FleetConfigError);
    return (error as FleetConfigError).issues;
  }
  throw new Error('expected the fleet file to be rejected');
}

const valid = `knownHostsFile: ~/.ssh/known_hosts
hostKeyPolicy: accept-new
roleLabel: app.role
connect: { concurrency: 4, timeoutSeconds: 5 }
storage: { warnPercent: 70, critPercent: 85 }
theme: light
hosts:
  - name: web-a
    ssh: deploy@10.0.0.5:2222
    identityFile: ~/.ssh/id_ed25519
    socket: /run/docker.sock
    group: prod
    hostKeyPolicy: strict
  - name: local
    docker: unix:///var/run/docker.sock
`;

describe('parseFleetText: valid files', () => {
  it('returns the settings with defaults filled in and each host with its line', () => {
    const parsed = parseFleetText(valid, 'fleet.yaml');
    // SSH settings stay unset unless written: ~/.ssh/config fills them (see load-fleet).
    expect(parsed.fleet.connect.keepaliveSeconds).toBeUndefined();
    expect(parsed.fleet).toMatchObject({
      hostKeyPolicy: 'accept-new',
      roleLabel: 'app.role',
      connect: { concurrency: 4, timeoutSeconds: 5 },
      storage: { warnPercent: 70, critPercent: 85 },
      theme: 'light',
    });
    expect(parsed.fleet.hosts[0]).toMatchObject({
      name: 'web-a',
      ssh: 'deploy@10.0.0.5:2222',
      socket: '/run/docker.sock',
    });
    expect(parsed.fleet.hosts[1]).toMatchObject({ name: 'local', docker: 'unix:///var/run/docker.sock' });
    expect(parsed.hostLines).toEqual([8, 14]);
  });

  it('accepts an empty file (all defaults, no hosts) and a list of identity files', () => {
    expect(parseFleetText('', 'f').fleet).toMatchObject({
      roleLabel: 'role',
      theme: 'dark',
      hosts: [],
    });
    const parsed = parseFleetText('hosts:\n  - name: a\n    ssh: a\n    identityFile: [~/k1, ~/k2]\n', 'f');
    expect(parsed.fleet.hosts[0]?.identityFile).toEqual(['~/k1', '~/k2']);
    expect(parsed.fleet.hosts[0]?.socket).toBe('/var/run/docker.sock');
  });
});

describe('parseFleetText: errors name the file, the key path and the line', () => {
  it('unknown key, with a suggestion', () => {
    const issues = issuesOf('hosts:\n  - name: a\n    ssh: a\n    identityFlie: ~/k\n');
    expect(issues).toEqual([
      {
        file: 'fleet.yaml',
        line: 4,
        path: 'hosts[0].identityFlie',
        message: 'unknown key — did you mean "identityFile"?',
      },
    ]);
  });

  it('unknown top-level key lists the known keys when nothing is close', () => {
    const [issue] = issuesOf('theme: dark\nbanana: 1\n');
    expect(issue).toMatchObject({ line: 2, path: 'banana' });
    expect(issue?.message).toContain('known keys: sshConfig, knownHostsFile');
  });

  it('wrong type', () => {
    expect(issuesOf('connect:\n  concurrency: many\n')).toEqual([
      expect.objectContaining({
        file: 'fleet.yaml',
        line: 2,
        path: 'connect.concurrency',
        message: expect.stringContaining('expected number'),
      }),
    ]);
  });

  it('points at the key line when the value starts on a later line', () => {
    expect(issuesOf('hosts:\n  - name: a\n    ssh:\n      - x\n    identityFile:\n      - 42\n')).toEqual([
      expect.objectContaining({ line: 3, path: 'hosts[0].ssh' }),
      expect.objectContaining({
        line: 5,
        path: 'hosts[0].identityFile',
        message: 'expected a path or a list of paths',
      }),
    ]);
  });

  it('missing name points at the host entry', () => {
    expect(issuesOf('hosts:\n  - name: a\n    ssh: a\n  - ssh: b\n')).toEqual([
      expect.objectContaining({ line: 4, path: 'hosts[1].name', message: expect.stringMatching(/^missing/) }),
    ]);
  });

  it('both ssh and docker, and neither', () => {
    const issues = issuesOf(
      'hosts:\n  - name: a\n    ssh: a\n    docker: unix:///s\n  - name: b\n    group: g\n',
    );
    expect(issues).toEqual([
      expect.objectContaining({
        line: 4,
        path: 'hosts[0].docker',
        message: expect.stringContaining('exactly one'),
      }),
      expect.objectContaining({ line: 5, path: 'hosts[1]', message: 'needs one of ssh: or docker:' }),
    ]);
  });

  it('bad ssh value', () => {
    expect(issuesOf('hosts:\n  - name: a\n    ssh: "x@y:99999"\n')).toEqual([
      expect.objectContaining({
        line: 3,
        path: 'hosts[0].ssh',
        message: 'expected "[user@]host[:port]" or an alias from ~/.ssh/config, got "x@y:99999"',
      }),
    ]);
  });

  it('tcp:// docker endpoints are refused clearly, and ssh-only keys on docker hosts', () => {
    const issues = issuesOf('hosts:\n  - name: a\n    docker: tcp://h:2375\n    identityFile: ~/k\n');
    expect(issues).toEqual([
      expect.objectContaining({
        line: 3,
        path: 'hosts[0].docker',
        message: expect.stringContaining('not supported yet'),
      }),
      expect.objectContaining({
        line: 4,
        path: 'hosts[0].identityFile',
        message: 'applies only to ssh: hosts',
      }),
    ]);
  });

  it('duplicate host names at the line of the duplicate', () => {
    const issues = issuesOf(
      'hosts:\n  - name: a\n    ssh: a\n  - name: b\n    ssh: b\n  - name: a\n    ssh: c\n',
    );
    expect(issues).toEqual([
      {
        file: 'fleet.yaml',
        line: 6,
        path: 'hosts[2].name',
        message: 'duplicate host name "a" (first used on line 2)',
      },
    ]);
  });

  it('YAML syntax errors with their line', () => {
    const issues = issuesOf('hosts:\n  - name: a\n   ssh: b\n');
    expect(issues[0]).toMatchObject({ file: 'fleet.yaml', line: 3, path: '' });
    expect(issues[0]?.message).toMatch(/^YAML: /);
  });

  it('duplicate YAML keys are syntax errors', () => {
    expect(issuesOf('theme: a\ntheme: b\n')[0]).toMatchObject({
      line: 2,
      message: expect.stringContaining('unique'),
    });
  });

  it('returns all errors, sorted by line, and formats them as file:line: path: message', () => {
    const text =
      'hostKeyPolicy: loose\nstorage: { warnPercent: 95 }\nhosts:\n  - name: a\n    ssh: a\n  - name: a\n    ssh: "b c"\n';
    let error: FleetConfigError | undefined;
    try {
      parseFleetText(text, 'fleet.yaml');
    } catch (caught) {
      error = caught as FleetConfigError;
    }
    expect(error?.issues.map((i) => `${i.line} ${i.path}`)).toEqual([
      '1 hostKeyPolicy',
      '2 storage.warnPercent',
      '6 hosts[1].name',
      '7 hosts[1].ssh',
    ]);
    expect(error?.message.split('\n')[0]).toBe(
      'fleet.yaml:1: hostKeyPolicy: expected "strict", "accept-new" or "off", got "loose"',
    );
  });

  it('a non-map document', () => {
    expect(issuesOf('- a\n- b\n')).toEqual([expect.objectContaining({ line: 1, path: '' })]);
  });
});

describe('parseFleetText: snapshot defaults', () => {
  it('reads fleet-wide and per-role snapshot commands and retention', () => {
    const parsed = parseFleetText(
      'snapshots:\n  pre: sync\n  keep: 5\n  roles:\n    db: { pre: "pg_ctl stop", post: "pg_ctl start", keep: 2 }\n',
      'f',
    );
    expect(parsed.fleet.snapshots).toEqual({
      pre: 'sync',
      keep: 5,
      roles: { db: { pre: 'pg_ctl stop', post: 'pg_ctl start', keep: 2 } },
    });
    expect(parseFleetText('', 'f').fleet.snapshots).toEqual({ roles: {} });
  });

  it('rejects unknown keys and a retention below 1, with their lines', () => {
    const issues = issuesOf('snapshots:\n  keep: 0\n  roles:\n    db: { prer: x }\n');
    expect(issues.map((i) => [i.line, i.path])).toEqual([
      [2, 'snapshots.keep'],
      [4, 'snapshots.roles.db.prer'],
    ]);
  });
});

describe('eventsSince: how far back the dashboard reads event history', () => {
  it('takes a span and gives the settings its milliseconds; 0 reads none', () => {
    const fleet = parseFleetText('eventsSince: 1h30m\n', 'f').fleet;
    expect(settingsFromFile(fleet, '/home/u').eventsSinceMs).toBe(90 * 60_000);
    expect(settingsFromFile(parseFleetText('eventsSince: 0\n', 'f').fleet, '/home/u').eventsSinceMs).toBe(0);
    expect(settingsFromFile(parseFleetText('', 'f').fleet, '/home/u').eventsSinceMs).toBeUndefined();
  });

  it('refuses what is no span, naming the line', () => {
    expect(issuesOf('theme: dark\neventsSince: soon\n')[0]).toMatchObject({
      line: 2,
      path: 'eventsSince',
      message: 'expected a span like 15m, 1h30m or 0, got "soon"',
    });
  });
});
