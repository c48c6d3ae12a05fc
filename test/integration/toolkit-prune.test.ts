import { afterAll, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../support/cli.js';
import { dockerCli, describeLab, resetContainers } from '../support/lab.js';

/*
 * Prune on a lab host: things made to be pruned (dangling images, exited containers, unused
 * volumes), the plan read from --json, and the daemon's lists afterwards: before minus the plan.
 */

const HOST = 1;

interface PruneJson {
  plan: { perHost: Array<{ host: string; candidates: Array<{ id: string }> }> };
  outcome: { result: string; message: string; details: { removed: number } };
}

async function lines(args: string[]): Promise<string[]> {
  const r = await dockerCli(HOST, args);
  expect(r.code, r.stderr).toBe(0);
  return r.stdout
    .split('\n')
    .filter((l) => l !== '')
    .sort();
}

describeLab('fleetdeck prune against the lab', (lab) => {
  const host = lab.hosts[HOST] ?? lab.hosts[0]!;
  const dataDir = mkdtempSync(join(tmpdir(), 'fd-prune-it-'));
  const prune = (args: string[]) =>
    runCli(['prune', ...args, '--host', host.name, '--fleet', lab.fleetFile, '--data-dir', dataDir]);
  const planned = (out: PruneJson): string[] =>
    out.plan.perHost.flatMap((h) => h.candidates.map((c) => c.id)).sort();

  afterAll(async () => {
    await resetContainers(HOST);
  });

  it('images --dangling-only: removes exactly the dangling images of its plan', async () => {
    // `docker commit` without a repository makes an untagged (dangling) image.
    await dockerCli(HOST, ['commit', 'web-1']);
    await dockerCli(HOST, ['commit', '--change', 'LABEL toolkit=2', 'web-1']);
    const dangling = await lines(['image', 'ls', '-q', '--no-trunc', '--filter', 'dangling=true']);
    expect(dangling.length).toBeGreaterThanOrEqual(2);
    const before = await lines(['image', 'ls', '-q', '--no-trunc']);
    const r = await prune(['images', '--dangling-only', '--yes', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as PruneJson;
    expect(out.outcome.result).toBe('ok');
    expect(planned(out)).toEqual(dangling);
    const after = await lines(['image', 'ls', '-q', '--no-trunc']);
    expect(after).toEqual(before.filter((id) => !planned(out).includes(id)));
    expect(after.length).toBeGreaterThan(0); // tiny:latest and tiny:v2 are tagged: kept
  });

  it('containers and volumes: exactly the plan goes; volumes mounted by a stopped container stay', async () => {
    await dockerCli(HOST, ['run', '--name', 'toolkit-done', 'tiny:latest', 'true']);
    await dockerCli(HOST, ['volume', 'create', 'toolkit-idle']);
    await dockerCli(HOST, ['volume', 'create', 'toolkit-pinned']);
    await dockerCli(HOST, [
      'create',
      '--name',
      'toolkit-pin',
      '-v',
      'toolkit-pinned:/data',
      'tiny:latest',
      'true',
    ]);

    const before = await lines(['ps', '-aq', '--no-trunc']);
    const exited = await lines(['ps', '-aq', '--no-trunc', '--filter', 'status=exited']);
    const c = await prune(['containers', '--dangling-only', '--yes', '--json']);
    expect(c.code, c.stderr).toBe(0);
    const cout = JSON.parse(c.stdout) as PruneJson;
    expect(planned(cout)).toEqual(exited.filter((id) => before.includes(id)));
    expect(await lines(['ps', '-aq', '--no-trunc'])).toEqual(
      before.filter((id) => !planned(cout).includes(id)),
    );
    // `toolkit-pin` was never started (created): --dangling-only keeps it, and so its volume is in use.

    const vbefore = await lines(['volume', 'ls', '-q']);
    const v = await prune(['volumes', '--yes', '--json']);
    expect(v.code, v.stderr).toBe(0);
    const vout = JSON.parse(v.stdout) as PruneJson;
    expect(planned(vout)).toContain('toolkit-idle');
    expect(planned(vout)).not.toContain('toolkit-pinned');
    expect(await lines(['volume', 'ls', '-q'])).toEqual(vbefore.filter((n) => !planned(vout).includes(n)));
    await dockerCli(HOST, ['rm', 'toolkit-pin']);
    await dockerCli(HOST, ['volume', 'rm', 'toolkit-pinned']);

    const audit = readFileSync(join(dataDir, 'audit.jsonl'), 'utf8').trim().split('\n');
    // One start and one end line per action: the end lines, one per prune.
    const ends = audit
      .map((l) => JSON.parse(l) as { action: string; phase?: string })
      .filter((l) => l.phase === 'end');
    expect(ends.map((l) => l.action)).toEqual(['prune', 'prune', 'prune']);
  });

  it('read-only: refused before anything is sent; the table plan lists bytes per host', async () => {
    await dockerCli(HOST, ['volume', 'create', 'toolkit-ro']);
    try {
      const r = await runCli([
        '--read-only',
        'prune',
        'volumes',
        '--host',
        host.name,
        '--yes',
        '--fleet',
        lab.fleetFile,
        '--data-dir',
        dataDir,
      ]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`${host.name}: \\d+ unused volumes?, frees`));
      expect(r.stderr).toContain('read-only mode: prune of volumes@');
      expect(await lines(['volume', 'ls', '-q'])).toContain('toolkit-ro');
    } finally {
      await dockerCli(HOST, ['volume', 'rm', 'toolkit-ro']);
    }
  });
});
