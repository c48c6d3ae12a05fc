import { expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { dockerCli, describeLab } from '../support/lab.js';

/*
 * `fleetdeck images|volumes|networks --json` against each lab daemon's own lists, asked of the
 * daemon directly (docker CLI on its socket, no SSH): the same things on the same hosts.
 */

interface Row {
  id?: string;
  name?: string;
  hosts: string[];
  containers: number;
  places: Array<{ host: string; containers: number }>;
}

async function lines(index: number, args: string[]): Promise<string[]> {
  const r = await dockerCli(index, args);
  expect(r.code, r.stderr).toBe(0);
  return r.stdout.split('\n').filter((l) => l !== '');
}

function onHost(rows: readonly Row[], host: string, key: 'id' | 'name'): string[] {
  return rows
    .filter((r) => r.hosts.includes(host))
    .map((r) => r[key] ?? '')
    .sort();
}

describeLab('fleetdeck images, volumes and networks against the lab', (lab) => {
  it('images --json: per host, exactly the daemon’s image IDs, with the containers using each', async () => {
    // One volume per host used by nobody, and one dangling image, so every column has something.
    const result = await runCli(['images', '--json', '--fleet', lab.fleetFile]);
    expect(result.code, result.stderr).toBe(0);
    const { images, unreachable } = JSON.parse(result.stdout) as { images: Row[]; unreachable: unknown[] };
    expect(unreachable).toEqual([]);
    for (const [i, host] of lab.hosts.entries()) {
      expect(onHost(images, host.name, 'id')).toEqual(
        [...new Set(await lines(i, ['image', 'ls', '-q', '--no-trunc']))].sort(),
      );
      const ids = await lines(i, ['ps', '-aq']);
      const used = ids.length ? await lines(i, ['inspect', '-f', '{{.Image}}', ...ids]) : [];
      for (const img of images.filter((r) => r.hosts.includes(host.name))) {
        const here = img.places.find((p) => p.host === host.name);
        expect(here?.containers, `${host.name} ${img.id}`).toBe(used.filter((u) => u === img.id).length);
      }
    }
  });

  it('volumes --json and networks --json: per host, exactly the daemon’s volumes and networks', async () => {
    await dockerCli(0, ['volume', 'create', 'toolkit-idle']);
    try {
      const vols = await runCli(['volumes', '--json', '--fleet', lab.fleetFile]);
      expect(vols.code, vols.stderr).toBe(0);
      const { volumes } = JSON.parse(vols.stdout) as { volumes: Array<Row & { dangling: boolean }> };
      for (const [i, host] of lab.hosts.entries()) {
        expect(onHost(volumes, host.name, 'name')).toEqual((await lines(i, ['volume', 'ls', '-q'])).sort());
        const dangling = new Set(await lines(i, ['volume', 'ls', '-q', '--filter', 'dangling=true']));
        for (const v of volumes.filter((r) => r.hosts.includes(host.name))) {
          const here = v.places.find((p) => p.host === host.name);
          expect(here?.containers === 0, `${host.name} ${v.name}`).toBe(dangling.has(v.name ?? ''));
        }
      }
      expect(volumes.find((v) => v.name === 'toolkit-idle')).toMatchObject({
        hosts: [lab.hosts[0]!.name],
        dangling: true,
      });

      const nets = await runCli(['networks', '--json', '--fleet', lab.fleetFile]);
      expect(nets.code, nets.stderr).toBe(0);
      const { networks } = JSON.parse(nets.stdout) as { networks: Row[] };
      for (const [i, host] of lab.hosts.entries()) {
        expect(onHost(networks, host.name, 'name')).toEqual(
          (await lines(i, ['network', 'ls', '--format', '{{.Name}}'])).sort(),
        );
      }
    } finally {
      await dockerCli(0, ['volume', 'rm', 'toolkit-idle']);
    }
  });

  it('--host H lists that host only; the table has its header and rows', async () => {
    const one = lab.hosts[1] ?? lab.hosts[0]!;
    const result = await runCli(['images', '--host', one.name, '--json', '--fleet', lab.fleetFile]);
    expect(result.code, result.stderr).toBe(0);
    const { images } = JSON.parse(result.stdout) as { images: Row[] };
    expect(images.length).toBeGreaterThan(0);
    expect(new Set(images.flatMap((r) => r.hosts))).toEqual(new Set([one.name]));
    const table = await runCli(['images', '--fleet', lab.fleetFile]);
    expect(table.stdout).toMatch(/^ID\s+TAGS\s+HOSTS\s+SIZE\s+CONTAINERS\s+CREATED\s+DANGLING\n/);
    expect(table.stdout).toMatch(/tiny:latest/);
    const bad = await runCli(['networks', '--host', 'nope', '--fleet', lab.fleetFile]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('no host "nope" in the fleet');
  });
});
