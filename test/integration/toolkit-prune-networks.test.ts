import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { dockerCli, describeLab, resetContainers } from '../support/lab.js';

/*
 * prune networks on a lab host: one user network nothing uses, one a stopped container is attached
 * to; the plan read from --json, and the daemon's list afterwards: before minus the plan.
 */

const HOST = 2;

interface PruneJson {
  plan: { perHost: Array<{ host: string; candidates: Array<{ id: string; name: string }> }> };
  outcome: { result: string; message: string };
}

describeLab('fleetdeck prune networks against the lab', (lab) => {
  const index = lab.hosts[HOST] ? HOST : 0;
  const host = lab.hosts[index]!;
  const dataDir = mkdtempSync(join(tmpdir(), 'fd-prune-net-it-'));
  const networks = async (): Promise<string[]> => {
    const r = await dockerCli(index, ['network', 'ls', '-q', '--no-trunc']);
    expect(r.code, r.stderr).toBe(0);
    return r.stdout.split('\n').filter(Boolean).sort();
  };

  afterAll(async () => {
    await dockerCli(index, ['rm', '-f', 'toolkit-net-pin']);
    await dockerCli(index, ['network', 'rm', 'toolkit-net-pinned']);
    await resetContainers(index);
  });

  it('removes exactly the unused user networks of its plan; builtin and attached ones stay', async () => {
    for (const name of ['toolkit-net-idle', 'toolkit-net-pinned']) {
      const r = await dockerCli(index, ['network', 'create', name]);
      expect(r.code, r.stderr).toBe(0);
    }
    const pin = await dockerCli(index, [
      'create',
      '--name',
      'toolkit-net-pin',
      '--network',
      'toolkit-net-pinned',
      'tiny:latest',
      'true',
    ]);
    expect(pin.code, pin.stderr).toBe(0);
    const idle = (
      await dockerCli(index, ['network', 'inspect', '-f', '{{.Id}}', 'toolkit-net-idle'])
    ).stdout.trim();
    const before = await networks();

    const r = await runCli([
      'prune',
      'networks',
      '--host',
      host.name,
      '--yes',
      '--json',
      '--fleet',
      lab.fleetFile,
      '--data-dir',
      dataDir,
    ]);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as PruneJson;
    expect(out.outcome.result).toBe('ok');
    const planned = out.plan.perHost.flatMap((h) => h.candidates);
    expect(planned.map((c) => c.id)).toContain(idle);
    const names = planned.map((c) => c.name);
    for (const kept of ['toolkit-net-pinned', 'bridge', 'host', 'none']) expect(names).not.toContain(kept);
    const after = await networks();
    expect(after).toEqual(before.filter((id) => !planned.some((c) => c.id === id)));
  });
});
