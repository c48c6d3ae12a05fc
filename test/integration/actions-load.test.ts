import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { describeLab, dockerCli, resetContainers } from '../support/lab.js';

interface CliJson {
  plan: { steps: string[]; loads: Array<{ image: string; from: string; to: string }> };
  outcome: { result: string; message: string; details: { imageId?: string } };
}

describeLab('redeploy loads a missing image from a host that has it', (lab) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'fleetdeck-actions-load-'));
  const env = { FLEETDECK_DATA_DIR: dataDir };
  const cli = (args: string[]) => runCli(['--fleet', lab.fleetFile, ...args], { env, timeoutMs: 240_000 });
  const hosts = lab.hosts.map((_, i) => i);
  const names = lab.hosts.map((h) => h.name);

  afterAll(async () => {
    for (const i of hosts) {
      await dockerCli(i, ['rm', '-f', 'fleetdeck-lock-web']);
      await resetContainers(i);
      await dockerCli(i, ['rmi', 'tiny:v3']);
    }
  });

  it('tiny:v3 only on the first host: loaded on the others first, then every web replica runs it', async () => {
    await dockerCli(0, ['tag', 'tiny:v2', 'tiny:v3']);
    for (const i of hosts.slice(1)) await dockerCli(i, ['rmi', 'tiny:v3']); // absent even after an earlier crash
    const result = await cli([
      'redeploy',
      'role:web',
      '--image',
      'tiny:v3',
      '--batch',
      '2',
      '--wait',
      '1',
      '--yes',
      '--json',
    ]);
    expect(result.code, result.stderr).toBe(0);
    const out = JSON.parse(result.stdout) as CliJson;
    const targets = names.slice(1).sort();
    expect(out.plan.loads).toEqual(targets.map((to) => ({ image: 'tiny:v3', from: names[0], to })));
    expect(out.plan.steps.slice(0, targets.length)).toEqual(
      targets.map(
        (to) =>
          `load tiny:v3 on ${to} from ${names[0]} (docker save on ${names[0]} streamed into docker load on ${to} over SSH)`,
      ),
    );
    expect(out.outcome.result).toBe('ok');
    const sourceId = (await dockerCli(0, ['image', 'inspect', '-f', '{{.Id}}', 'tiny:v3'])).stdout.trim();
    expect(out.outcome.details.imageId).toBe(sourceId);
    for (const i of hosts) {
      expect((await dockerCli(i, ['image', 'inspect', '-f', '{{.Id}}', 'tiny:v3'])).stdout.trim()).toBe(
        sourceId,
      );
      const web = (await dockerCli(i, ['ps', '-a', '--format', '{{.Names}} {{.Image}} {{.State}}'])).stdout
        .trim()
        .split('\n')
        .filter((l) => l.startsWith('web-') || l.includes('fleetdeck'))
        .sort();
      expect(web).toEqual(['web-1 tiny:v3 running', 'web-2 tiny:v3 running']);
    }
  });

  it('an image on no fleet host is refused before anything stops', async () => {
    const result = await cli(['redeploy', 'role:web', '--image', 'tiny:nowhere', '--yes']);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('image tiny:nowhere is on no fleet host');
    expect(result.stderr).toContain('nothing was stopped');
  });
});
