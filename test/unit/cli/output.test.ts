import { describe, expect, it } from 'vitest';
import { hostsJson, hostsTable } from '../../../src/app/output/hosts.js';
import { outputMode, toJson } from '../../../src/app/output/mode.js';
import { psJson, psNames, psTable } from '../../../src/app/output/ps.js';
import { snapshotsTable } from '../../../src/app/output/snapshots.js';
import { storageTable } from '../../../src/app/output/storage.js';
import { UserError } from '../../../src/app/exit-codes.js';
import type { HostStatus } from '../../../src/domain/host.js';
import { displayWidth } from '../../../src/domain/text/width.js';
import { makeContainer } from '../../support/fake-host-api.js';

const HOSTILE = 'evil\x1b]0;retitled\x07\x1b[2J\u202eesrever\u202c\nsecond line\r\x9b2J';
// Anything that could drive a terminal: C0 (but tab/newline at line ends), DEL, C1, bidi, separators.
// eslint-disable-next-line no-control-regex -- the characters under test
const UNSAFE = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

const hostile = makeContainer('lab-0', 'web-1', {
  role: HOSTILE,
  status: `Up 1 second ${HOSTILE}`,
  image: `tiny:${HOSTILE}`,
  command: HOSTILE,
  labels: { role: HOSTILE },
});
const named = { ...hostile, name: `web\x1b[31m-2\nx` };

function assertClean(table: string, rows: number): void {
  expect(table).not.toMatch(UNSAFE);
  // One line per row plus the header: no newline from a label split a row.
  expect(table.trimEnd().split('\n')).toHaveLength(rows + 1);
}

describe('ps output with hostile strings (issue 9 item 6)', () => {
  it('prints clean in the table and in -o wide', () => {
    assertClean(psTable([hostile, named]), 2);
    assertClean(psTable([hostile, named], { wide: true }), 2);
    expect(psTable([hostile])).toContain('evilesrever second line');
  });

  it('keeps the raw values in JSON, with every unsafe character escaped', () => {
    const text = toJson({ containers: psJson([hostile, named]) });
    expect(text).not.toMatch(UNSAFE);
    const parsed = JSON.parse(text) as { containers: { role: string; status: string; name: string }[] };
    expect(parsed.containers[0]?.role).toBe(HOSTILE);
    expect(parsed.containers[0]?.status).toBe(`Up 1 second ${HOSTILE}`);
    expect(parsed.containers[1]?.name).toBe(named.name);
    expect(text).toContain('\\u001b]0;retitled\\u0007');
    expect(text).toContain('\\u202e');
    expect(text).toContain('\\u009b');
  });

  it('-o name prints host/name, sanitised', () => {
    expect(psNames([hostile])).toEqual(['lab-0/web-1']);
  });

  it('caps cells: the default table narrower than -o wide, both bounded', () => {
    const long = makeContainer('lab-0', 'n'.repeat(300), { image: 'i'.repeat(300), status: 's'.repeat(300) });
    const normal = psTable([long]).split('\n')[1]!;
    const wide = psTable([long], { wide: true }).split('\n')[1]!;
    expect(displayWidth(normal)).toBeLessThan(displayWidth(wide));
    expect(displayWidth(wide)).toBeLessThan(700);
    expect(normal).toContain(`${'n'.repeat(39)}…`);
  });

  it('-o wide adds image id, command and ports', () => {
    const c = makeContainer('lab-0', 'web-1', {
      imageId: 'sha256:0123456789abcdef',
      ports: [{ privatePort: 80, publicPort: 8080, ip: '0.0.0.0', type: 'tcp' }],
    });
    const [header, row] = psTable([c], { wide: true }).split('\n');
    expect(header).toMatch(/IMAGE ID\s+COMMAND\s+PORTS/);
    expect(row).toContain('0123456789ab');
    expect(row).toContain('0.0.0.0:8080->80/tcp');
    expect(psTable([c]).split('\n')[0]).not.toContain('PORTS');
  });

  it('--no-headers leaves only the rows', () => {
    expect(psTable([hostile], { headers: false }).split('\n')[0]).toMatch(/^lab-0 /);
  });
});

describe('hosts and storage output', () => {
  const down: HostStatus = {
    name: 'lab-1',
    address: 'root@127.0.0.1:22201',
    state: 'unreachable',
    since: 0,
    problem: { code: 'docker-error', message: `lab-1: the daemon said ${HOSTILE}` },
  };

  it('sanitises a daemon error body in the REASON column, raw in JSON', () => {
    assertClean(hostsTable([down], 5_000), 1);
    assertClean(hostsTable([down], 5_000, { wide: true }), 1);
    expect(hostsTable([down], 5_000)).toContain('unreachable 5s');
    expect(
      (JSON.parse(toJson(hostsJson([down]))) as { reason: { message: string } }[])[0]?.reason.message,
    ).toBe(down.problem?.message);
  });

  it('-o wide adds the address', () => {
    expect(hostsTable([down], 0, { wide: true })).toContain('root@127.0.0.1:22201');
    expect(hostsTable([down], 0)).not.toContain('root@127.0.0.1:22201');
  });

  it('storage of an unreachable host: the reason sanitised', () => {
    assertClean(storageTable([{ host: 'lab-1', problem: down.problem }]), 1);
    assertClean(storageTable([{ host: 'lab-1', problem: down.problem }], { wide: true }), 1);
  });
});

describe('snapshot list output', () => {
  it('a table whose label-borne cells (host, container, time) are sanitised', () => {
    const row = {
      host: `lab-0${HOSTILE}`,
      container: HOSTILE,
      image: 'fleetdeck-snapshot/web-1:20240101T000000Z',
      time: HOSTILE,
      size: 1_500_000,
      volumes: 2,
    };
    const table = snapshotsTable([row]);
    assertClean(table, 1);
    expect(table.split('\n')[0]).toMatch(/^HOST\s+CONTAINER\s+IMAGE\s+TIME\s+SIZE\s+VOLUMES$/);
    expect(table).toContain('1.5 MB');
    expect(table).toContain('2 vol');
  });
});

describe('outputMode', () => {
  it('maps --json and -o to one mode; table by default', () => {
    expect(outputMode({})).toBe('table');
    expect(outputMode({ json: true })).toBe('json');
    expect(outputMode({ output: 'json', json: true })).toBe('json');
    expect(outputMode({ output: 'wide' })).toBe('wide');
    expect(outputMode({ output: 'name' })).toBe('name');
  });

  it('refuses an unknown format and --json with another -o (exit 2)', () => {
    expect(() => outputMode({ output: 'yaml' })).toThrow(UserError);
    expect(() => outputMode({ json: true, output: 'wide' })).toThrow(/choose one/);
  });
});
