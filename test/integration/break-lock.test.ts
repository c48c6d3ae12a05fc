import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { describeLab, dockerCli } from '../support/lab.js';

const LOCK = 'fleetdeck-lock-web';

describeLab('redeploy --break-lock (lab)', (lab) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'fleetdeck-break-lock-'));
  const cli = (args: string[]) =>
    runCli(['--fleet', lab.fleetFile, ...args], { env: { FLEETDECK_DATA_DIR: dataDir }, timeoutMs: 120_000 });
  afterAll(async () => {
    await dockerCli(0, ['rm', '-f', LOCK]);
  });

  it('a dead rollout’s lock: the refusal names its owner and suggests --break-lock, which clears it once confirmed', async () => {
    // What a rollout from another machine that died yesterday leaves: its lock, no heartbeat.
    const made = await dockerCli(0, [
      'create',
      '--name',
      LOCK,
      '--label',
      'org.fleetdeck.lock=web',
      '--label',
      'org.fleetdeck.lock.rollout=r-dead',
      '--label',
      'org.fleetdeck.lock.user=bob',
      '--label',
      'org.fleetdeck.lock.machine=desk',
      '--label',
      'org.fleetdeck.lock.since=2026-01-01T00:00:00.000Z',
      'tiny:latest',
      'true',
    ]);
    expect(made.code, made.stderr).toBe(0);
    const refused = await cli(['redeploy', 'role:web', '--image', 'tiny:v2', '--yes']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      `${lab.hosts[0]!.name}: role web is locked by rollout r-dead of bob@desk since 2026-01-01T00:00:00.000Z, no heartbeat recorded`,
    );
    expect(refused.stderr).toContain('clear it with `fleetdeck redeploy role:web --break-lock`');

    const unconfirmed = await cli(['redeploy', 'role:web', '--break-lock']);
    expect(unconfirmed.code).toBe(2);
    expect((await dockerCli(0, ['inspect', '-f', '{{.Name}}', LOCK])).code).toBe(0);

    const broken = await cli(['redeploy', 'role:web', '--break-lock', '--yes']);
    expect(broken.code, broken.stderr).toBe(0);
    expect(broken.stdout + broken.stderr).toContain(`role web unlocked on ${lab.hosts[0]!.name}`);
    expect((await dockerCli(0, ['inspect', '-f', '{{.Name}}', LOCK])).code).not.toBe(0);
    const audit = join(dataDir, 'audit.jsonl');
    const lines = existsSync(audit)
      ? readFileSync(audit, 'utf8')
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l) as { action: string; phase: string; result?: string })
          .filter((l) => l.action === 'lock-break')
      : [];
    expect(lines.map((l) => `${l.phase} ${l.result ?? ''}`.trim())).toEqual([
      'end refused',
      'start',
      'end ok',
    ]);
  }, 300_000);
});
