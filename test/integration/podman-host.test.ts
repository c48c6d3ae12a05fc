import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { describeLab, labRequired } from '../support/lab.js';
import {
  podmanDockerCli,
  podmanFailure,
  podmanInstalled,
  readPodmanHost,
  type PodmanHost,
} from '../support/lab-podman.js';
import { waitUntil } from '../support/wait.js';

/*
 * A Podman host of the lab (`podman system service` reached through its own sshd): listed with
 * its engine, tailed and restarted through fleetdeck's own SSH transport, as a Docker host is.
 */

interface HostJson {
  name: string;
  state: string;
  engine: string | null;
  engineVersion: string | null;
  dockerVersion: string | null;
  storageDriver: string | null;
}

function podmanSuite(host: PodmanHost): void {
  const env = {
    FLEETDECK_CONFIG: host.fleetFile,
    FLEETDECK_DATA_DIR: mkdtempSync(join(tmpdir(), 'fleetdeck-podman-')),
  };
  const cli = (args: string[], timeoutMs = 90_000) => runCli(args, { env, timeoutMs });

  it('lists the Podman host with its engine and version', async () => {
    const json = await cli(['hosts', '--json']);
    expect(json.code, json.stderr).toBe(0);
    const [row] = JSON.parse(json.stdout) as HostJson[];
    expect(row).toMatchObject({
      name: host.name,
      state: 'up',
      engine: 'podman',
      engineVersion: host.version,
      dockerVersion: host.version,
      storageDriver: host.storageDriver,
    });
    const table = await cli(['hosts']);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toMatch(/\bENGINE\b/);
    expect(table.stdout).toContain(`Podman ${host.version}`);
  });

  it('lists its containers and judges its storage as Podman reports it', async () => {
    const ps = await cli(['ps', '--all', '-o', 'name']);
    expect(ps.code, ps.stderr).toBe(0);
    expect(ps.stdout.trim().split('\n').sort()).toEqual(
      ['cron', 'failed', 'web-1', 'web-2', 'worker-1'].map((n) => `${host.name}/${n}`),
    );
    const storage = await cli(['storage', '--json']);
    expect(storage.code, storage.stderr).toBe(0);
    const [health] = JSON.parse(storage.stdout) as Array<{
      verdict: string;
      driver: string;
      findings: unknown[];
    }>;
    expect(health).toMatchObject({ driver: host.storageDriver, verdict: 'ok' });
    expect(JSON.stringify(health?.findings)).not.toMatch(/docker system prune/);
  });

  it('tails a container', async () => {
    const logs = await cli(['logs', `${host.name}/web-1`, '-n', '3']);
    expect(logs.code, logs.stderr).toBe(0);
    const lines = logs.stdout.trim().split('\n');
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((l) => l.startsWith(`${host.name}/web-1 `))).toBe(true);
    expect(logs.stdout).toMatch(/web-1: (listening|GET \/items\/\d+ 200)/);
  });

  it('restarts a container: a new start, running again', async () => {
    const startedAt = async () =>
      (
        await podmanDockerCli(host, ['inspect', '-f', '{{.State.StartedAt}} {{.State.Status}}', 'web-1'])
      ).stdout.trim();
    const before = await startedAt();
    const restart = await cli(['restart', `${host.name}/web-1`, '--yes']);
    expect(restart.code, restart.stderr).toBe(0);
    expect(restart.stdout).toContain('restart: 1 container done');
    await waitUntil(
      async () => {
        const now = await startedAt();
        return now !== before && now.endsWith(' running');
      },
      'web-1 on the Podman host to run again after the restart',
      30_000,
    );
  });
}

describeLab('a Podman host', (lab) => {
  const host = readPodmanHost(lab.labDir);
  if (host !== undefined) {
    podmanSuite(host);
    return;
  }
  if (!podmanInstalled()) {
    it.skip('podman is not installed here (apt-get install podman): the lab has no Podman host', () => {});
    return;
  }
  describe('its lab', () => {
    it('has a Podman host', () => {
      const why = podmanFailure(lab.labDir) ?? 'bash test/lab/lab.sh podman-up starts it';
      const problem = `podman is installed, but the lab at ${lab.labDir} has no Podman host: ${why}`;
      if (labRequired()) throw new Error(problem);
      console.warn(problem);
    });
  });
});
