import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import ssh2 from 'ssh2';
import { describe, expect, it } from 'vitest';
import { doctorCommand } from '../../../src/app/commands/doctor.js';
import { formatDoctorText, type DoctorReport } from '../../../src/app/commands/doctor-report.js';

function capture() {
  const stdout = new PassThrough();
  let out = '';
  stdout.on('data', (b: Buffer) => (out += b.toString()));
  return { io: { stdout, stderr: new PassThrough(), env: {}, now: Date.now }, out: () => out };
}

/** A fleet with its own (empty) ssh_config, so `ssh -G` never reads the runner's ~/.ssh. */
function fleet(hostsYaml: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'fd-doctor-'));
  writeFileSync(join(dir, 'ssh_config'), '');
  writeFileSync(join(dir, 'id_ed25519'), ssh2.utils.generateKeyPairSync('ed25519').private);
  const file = join(dir, 'fleet.yaml');
  writeFileSync(
    file,
    `sshConfig: ./ssh_config\nknownHostsFile: ${join(dir, 'known_hosts')}\nhosts:\n${hostsYaml.replaceAll('KEY', join(dir, 'id_ed25519'))}`,
  );
  return file;
}

describe('fleetdeck doctor (no lab)', () => {
  it('shows how far each host got: a refused port fails at TCP, a missing local socket at the socket (exit 3)', async () => {
    const file = fleet(
      '  - name: refused\n    ssh: root@127.0.0.1:1\n    identityFile: KEY\n  - name: gone\n    docker: unix:///nonexistent/docker.sock\n',
    );
    const { io, out } = capture();
    expect(await doctorCommand({ fleet: file, json: true }, io)).toBe(3);
    const [refused, gone] = JSON.parse(out()) as DoctorReport[];
    expect(refused?.steps.map((s) => [s.step, s.status])).toEqual([
      ['resolve', 'ok'],
      ['tcp', 'failed'],
      ['banner', 'not reached'],
      ['host-key', 'not reached'],
      ['auth', 'not reached'],
      ['docker-socket', 'not reached'],
      ['docker-api', 'not reached'],
    ]);
    expect(refused?.steps[1]).toMatchObject({
      detail: expect.stringContaining('refused — is sshd running on that port?'),
      hint: expect.stringContaining('sshd runs on the host'),
    });
    expect(gone?.steps[0]).toMatchObject({ step: 'docker-socket', status: 'failed' });
  });

  it('refuses an unknown --host with the names it knows (exit 2)', async () => {
    const file = fleet('  - name: a\n    docker: unix:///x.sock\n');
    await expect(doctorCommand({ fleet: file, host: 'b' }, capture().io)).rejects.toMatchObject({
      exitCode: 2,
      message: 'no host named "b" in the fleet (hosts: a)',
    });
  });
});

describe('formatDoctorText', () => {
  it('prints one block per host, jump hosts apart, hints under failures, and sanitises', () => {
    const text = formatDoctorText([
      {
        name: 'web\u001b[31m-1',
        address: 'ops@10.0.0.9:22',
        ok: false,
        steps: [
          { server: 'ops@gate:22', role: 'jump', step: 'tcp', status: 'ok', detail: '192.0.2.1:22' },
          {
            server: 'ops@10.0.0.9:22',
            role: 'target',
            step: 'forward',
            status: 'failed',
            detail: 'no',
            hint: 'fix it',
          },
          { server: 'web-1', role: 'target', step: 'docker-api', status: 'not reached', detail: '' },
        ],
      },
    ]);
    expect(text).toBe(
      [
        'web-1  ops@10.0.0.9:22  FAILED',
        '  via jump host ops@gate:22:',
        '  ok   tcp connect    192.0.2.1:22',
        '  ops@10.0.0.9:22:',
        '  FAIL jump channel   no',
        '                      → fix it',
        '  --   docker api',
        '',
      ].join('\n'),
    );
  });
});
