import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { describeLab, dockerCli, startSshd, stopSshd } from '../support/lab.js';

interface PsJson {
  containers: { host: string; id: string; name: string; image: string; state: string; status: string }[];
  unreachable: { host: string; state: string; reason: { code: string; message: string } | null }[];
}

describeLab('fleetdeck hosts|ps against the lab', (lab) => {
  const fleet = ['--fleet', lab.fleetFile];

  it('ps --json --all equals what each daemon reports', async () => {
    const result = await runCli(['ps', '--all', '--json', ...fleet]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const listed = (JSON.parse(result.stdout) as PsJson).containers;
    for (const [i, host] of lab.hosts.entries()) {
      const direct = await dockerCli(i, [
        'ps',
        '-a',
        '--no-trunc',
        '--format',
        '{{.ID}} {{.Names}} {{.State}} {{.Image}}',
      ]);
      const expected = direct.stdout.trim().split('\n').filter(Boolean).sort();
      const ours = listed
        .filter((c) => c.host === host.name)
        .map((c) => `${c.id} ${c.name} ${c.state} ${c.image}`)
        .sort();
      expect(ours).toEqual(expected);
    }
  });

  it('ps filters by role and host, and hosts lists every host up', async () => {
    const ps = await runCli(['ps', '--role', 'web', '--json', ...fleet]);
    const web = (JSON.parse(ps.stdout) as PsJson).containers;
    expect(web.map((c) => c.name).sort()).toEqual(lab.hosts.flatMap(() => ['web-1', 'web-2']).sort());
    const hosts = await runCli(['hosts', '--json', ...fleet]);
    expect(hosts.code).toBe(0);
    const parsed = JSON.parse(hosts.stdout) as {
      name: string;
      state: string;
      storageDriver: string;
      apiVersion: string;
    }[];
    expect(parsed.map((h) => [h.name, h.state])).toEqual(lab.hosts.map((h) => [h.name, 'up']));
    expect(parsed.map((h) => h.storageDriver)).toEqual(lab.hosts.map((h) => h.storageDriver));
    for (const h of parsed) expect(h.apiVersion).toMatch(/^1\.\d+$/);
  });

  it('logs role:web --tail 5 returns the last 5 lines of every web replica on every host, ordered by time', async () => {
    const result = await runCli(['logs', 'role:web', '--tail', '5', '--json', ...fleet]);
    expect(result.code).toBe(0);
    const lines = result.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string; host: string; container: string; time: string })
      .filter((l) => l.type === 'line');
    const perSource = new Map<string, number>();
    for (const l of lines)
      perSource.set(`${l.host}/${l.container}`, (perSource.get(`${l.host}/${l.container}`) ?? 0) + 1);
    expect([...perSource.keys()].sort()).toEqual(
      lab.hosts.flatMap((h) => [`${h.name}/web-1`, `${h.name}/web-2`]).sort(),
    );
    for (const n of perSource.values()) expect(n).toBe(5);
    // Docker trims trailing zeros of the nanoseconds: pad them before comparing as text.
    const times = lines.map((l) =>
      l.time.replace(/(?:\.(\d+))?Z$/, (_, f: string | undefined) => `.${(f ?? '').padEnd(9, '0')}Z`),
    );
    expect(times).toEqual([...times].sort());
  });

  it('a host whose sshd is down is reported unreachable (exit 3) while the others are listed', async () => {
    await stopSshd(1);
    try {
      const result = await runCli(['ps', '--json', ...fleet]);
      expect(result.code).toBe(3);
      const parsed = JSON.parse(result.stdout) as PsJson;
      expect(parsed.unreachable).toEqual([
        {
          host: lab.hosts[1]?.name,
          state: 'unreachable',
          reason: expect.objectContaining({ code: 'connection-refused' }),
        },
      ]);
      const hostsSeen = new Set(parsed.containers.map((c) => c.host));
      expect(hostsSeen).toEqual(new Set(lab.hosts.filter((_, i) => i !== 1).map((h) => h.name)));
      const table = await runCli(['hosts', ...fleet]);
      expect(table.code).toBe(3);
      expect(table.stdout).toMatch(new RegExp(`${lab.hosts[1]?.name}.*unreachable`));
    } finally {
      await startSshd(1);
    }
  });

  const scratch = mkdtempSync(join(tmpdir(), 'fleetdeck-cli-'));

  it('refuses a host whose key does not match known_hosts', async () => {
    const host = lab.hosts[0]!;
    const known = readFileSync(lab.knownHosts, 'utf8').split('\n');
    const otherKey = known
      .find((l) => l && !l.startsWith(`[127.0.0.1]:${host.port} `))!
      .split(' ')
      .slice(1)
      .join(' ');
    const forged = join(scratch, 'known_hosts');
    writeFileSync(forged, `# forged\n[127.0.0.1]:${host.port} ${otherKey}\n`);
    const fleetFile = join(scratch, 'fleet.yaml');
    writeFileSync(
      fleetFile,
      readFileSync(lab.fleetFile, 'utf8').replace(/^knownHostsFile:.*$/m, `knownHostsFile: ${forged}`),
    );
    const result = await runCli(['hosts', '--json', '--fleet', fleetFile]);
    expect(result.code).toBe(3);
    const first = (
      JSON.parse(result.stdout) as { state: string; reason: { code: string; message: string } }[]
    )[0];
    expect(first?.reason.code).toBe('host-key-mismatch');
    expect(first?.reason.message).toContain(`line 2 of ${forged}`);
  });

  it('a host that accepts TCP but never speaks SSH times out alone, without delaying the others', async () => {
    const silent = createServer(() => undefined); // accepts, then says nothing
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const port = (silent.address() as AddressInfo).port;
    try {
      const fleetFile = join(scratch, 'with-silent.yaml');
      writeFileSync(
        fleetFile,
        readFileSync(lab.fleetFile, 'utf8').replace(
          /^hosts:\n/m,
          `connect:\n  timeoutSeconds: 2\nhosts:\n  - name: silent\n    ssh: root@127.0.0.1:${port}\n    identityFile: ${lab.clientKey}\n`,
        ),
      );
      const started = Date.now();
      const result = await runCli(['hosts', '--json', '--fleet', fleetFile]);
      const elapsed = Date.now() - started;
      expect(result.code).toBe(3);
      const hosts = JSON.parse(result.stdout) as {
        name: string;
        state: string;
        reason: { code: string } | null;
      }[];
      expect(hosts[0]).toMatchObject({ name: 'silent', state: 'unreachable', reason: { code: 'timeout' } });
      expect(hosts.slice(1).map((h) => h.state)).toEqual(lab.hosts.map(() => 'up'));
      // Bounded by the one host's timeout (2 s) plus start-up, not by a sum over hosts.
      expect(elapsed).toBeLessThan(15_000);
    } finally {
      silent.close();
    }
  });

  it('uses Docker contexts as hosts (--context with a glob), without a fleet file', async () => {
    const dockerConfig = join(scratch, 'docker-config');
    for (const [i, host] of lab.hosts.entries()) {
      const name = `lab-ctx-${i}`;
      const dir = join(dockerConfig, 'contexts', 'meta', createHash('sha256').update(name).digest('hex'));
      mkdirSync(dir, { recursive: true });
      writeFileSync(
        join(dir, 'meta.json'),
        JSON.stringify({
          Name: name,
          Metadata: {},
          Endpoints: { docker: { Host: `unix://${host.dockerSocket}` } },
        }),
      );
    }
    const env = {
      DOCKER_CONFIG: dockerConfig,
      XDG_CONFIG_HOME: join(scratch, 'no-config'),
      FLEETDECK_CONFIG: '',
    };
    const result = await runCli(['hosts', '--json', '--context', 'lab-ctx-*'], { env });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const hosts = JSON.parse(result.stdout) as { name: string; state: string; storageDriver: string }[];
    expect(hosts.map((h) => [h.name, h.state, h.storageDriver])).toEqual(
      lab.hosts.map((h, i) => [`lab-ctx-${i}`, 'up', h.storageDriver]),
    );
  });

  it('a bad fleet file exits 2 naming file, key and line, without touching any host', async () => {
    const fleetFile = join(scratch, 'bad.yaml');
    writeFileSync(fleetFile, 'hosts:\n  - name: a\n    ssh: root@127.0.0.1:1\n    sockte: /x\n');
    const result = await runCli(['ps', '--fleet', fleetFile]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${fleetFile}:4`);
    expect(result.stderr).toContain('hosts[0]');
    expect(result.stdout).toBe('');
  });
});
