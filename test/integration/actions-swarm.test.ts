import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { describeLab, dockerCli } from '../support/lab.js';
import { waitUntil } from '../support/wait.js';

interface AuditLine {
  action: string;
  target: string;
  result: string;
  hosts: string[];
  params: Record<string, unknown>;
}

interface CliJson {
  plan: { via?: string; manager?: string; update?: Record<string, unknown> };
  outcome: { result: string; message: string };
}

/*
 * Swarm on one lab host (the last): its dockerd runs with `--bridge none --iptables=false`, and
 * service tasks without published ports run there all the same (no overlay network needed).
 * The swarm listens on a port derived from the lab's port base rather than 2377, so another lab
 * on this machine holding 2377 does not stop it. The lab's tiny images are imported, never
 * pushed: services are created with --no-resolve-image and fleetdeck's update queries no registry.
 */
describeLab('redeploy of a role that is a Swarm service', (lab) => {
  const index = lab.hosts.length - 1;
  const host = lab.hosts[index]!.name;
  const dataDir = mkdtempSync(join(tmpdir(), 'fleetdeck-swarm-'));
  const env = { FLEETDECK_DATA_DIR: dataDir };
  const cli = (args: string[]) => runCli(['--fleet', lab.fleetFile, ...args], { env, timeoutMs: 150_000 });
  const docker = async (args: string[]): Promise<string> => {
    const r = await dockerCli(index, args);
    if (r.code !== 0) throw new Error(`docker ${args.join(' ')} on ${host} failed: ${r.stderr.trim()}`);
    return r.stdout.trim();
  };
  const audit = (): AuditLine[] =>
    existsSync(join(dataDir, 'audit.jsonl'))
      ? readFileSync(join(dataDir, 'audit.jsonl'), 'utf8')
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l) as AuditLine & { phase?: string })
          .filter((l) => l.phase !== 'start') // one end line per action; start lines are tested in unit tests
      : [];
  /** Image and state of the tasks the swarm wants running. */
  const liveTasks = async (service: string): Promise<string[]> =>
    (
      await docker([
        'service',
        'ps',
        service,
        '--filter',
        'desired-state=running',
        '--format',
        '{{.Image}} {{.CurrentState}}',
      ])
    )
      .split('\n')
      .filter(Boolean)
      .map((l) => l.split(' ').slice(0, 2).join(' '))
      .sort();
  const taskContainerImages = async (service: string): Promise<string[]> =>
    (
      await docker([
        'ps',
        '--filter',
        `label=com.docker.swarm.service.name=${service}`,
        '--format',
        '{{.Image}}',
      ])
    )
      .split('\n')
      .filter(Boolean)
      .sort();
  const createService = async (name: string, extra: string[]): Promise<void> => {
    await docker([
      'service',
      'create',
      '--detach=false',
      '--quiet',
      '--name',
      name,
      '--replicas',
      '3',
      '--no-resolve-image',
      ...extra,
      'tiny:latest',
      'sh',
      '-c',
      'while true; do sleep 1; done',
    ]);
    await waitUntil(
      async () => (await liveTasks(name)).filter((t) => t === 'tiny:latest Running').length === 3,
      `3 running tasks of ${name}`,
      60_000,
    );
  };
  let gwbridgeBefore = true;

  beforeAll(async () => {
    gwbridgeBefore = (await docker(['network', 'ls', '--format', '{{.Name}}']))
      .split('\n')
      .includes('docker_gwbridge');
    const port = String(lab.portBase + 100 + index);
    // A run killed mid-file (its lab kept on disk and started again) leaves this host in its swarm.
    await dockerCli(index, ['swarm', 'leave', '--force']);
    await docker([
      'swarm',
      'init',
      '--advertise-addr',
      `127.0.0.1:${port}`,
      '--listen-addr',
      `127.0.0.1:${port}`,
      '--data-path-port',
      String(lab.portBase + 110 + index),
    ]);
  });

  afterAll(async () => {
    await dockerCli(index, ['service', 'rm', 'api', 'api-hc']);
    // Task containers go away shortly after their service.
    await waitUntil(
      async () =>
        (
          await dockerCli(index, ['ps', '-aq', '--filter', 'label=com.docker.swarm.service.name'])
        ).stdout.trim() === '',
      'the task containers to be removed',
      60_000,
    ).catch(() => undefined);
    await dockerCli(index, ['swarm', 'leave', '--force']);
    // The swarm creates docker_gwbridge for its tasks; leaving keeps it.
    if (!gwbridgeBefore) await dockerCli(index, ['network', 'rm', 'docker_gwbridge']);
  });

  it('the swarm rolls every task to the new image through the service update; ok, one audit line', async () => {
    await createService('api', []);
    const r = await cli([
      'redeploy',
      'role:api',
      '--image',
      'tiny:v2',
      '--batch',
      '1',
      '--wait',
      '1',
      '--health-timeout',
      '3',
      '--yes',
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as CliJson;
    expect(out.plan.via).toBe('swarm');
    expect(out.plan.manager).toBe(host);
    expect(out.plan.update).toEqual({
      parallelism: 1,
      delaySeconds: 1,
      failureAction: 'rollback',
      monitorSeconds: 3,
      maxFailureRatio: 0,
      order: 'start-first',
    });
    expect(out.outcome).toEqual(
      expect.objectContaining({
        result: 'ok',
        message: expect.stringMatching(
          new RegExp(`^role api \\(Swarm service api on ${host}\\) now runs tiny:v2 on 3 tasks`),
        ) as unknown,
      }),
    );
    expect(await liveTasks('api')).toEqual(['tiny:v2 Running', 'tiny:v2 Running', 'tiny:v2 Running']);
    // "completed" comes once the new tasks run; the old ones (a shell ignoring SIGTERM as pid 1)
    // stop at the end of their 10 s grace period.
    await waitUntil(
      async () => (await taskContainerImages('api')).join() === 'tiny:v2,tiny:v2,tiny:v2',
      'only tiny:v2 task containers of api running',
      30_000,
    );
    const spec = JSON.parse(
      await docker(['service', 'inspect', 'api', '--format', '{{json .Spec.UpdateConfig}}']),
    ) as Record<string, unknown>;
    expect(spec).toEqual(
      expect.objectContaining({ Parallelism: 1, Delay: 1e9, FailureAction: 'rollback', Monitor: 3e9 }),
    );
    expect(audit()).toEqual([
      expect.objectContaining({ action: 'redeploy', target: 'role:api', result: 'ok', hosts: [host] }),
    ]);
  });

  it('a new image failing its health check is rolled back by the swarm: failed, with the reason', async () => {
    // Healthy while /etc/release is not "v2": tiny:v2's tasks turn unhealthy.
    await createService('api-hc', [
      '--health-cmd',
      'test "$(cat /etc/release)" != v2',
      '--health-interval',
      '1s',
      '--health-retries',
      '1',
      '--health-timeout',
      '2s',
    ]);
    const r = await cli([
      'redeploy',
      'role:api-hc',
      '--image',
      'tiny:v2',
      '--batch',
      '1',
      '--wait',
      '1',
      '--health-timeout',
      '5',
      '--yes',
      '--json',
    ]);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as CliJson;
    expect(out.outcome.result).toBe('failed');
    expect(out.outcome.message).toMatch(
      new RegExp(
        `^Swarm rolled service api-hc on ${host} back to tiny:latest: update rolled back due to failure`,
      ),
    );
    expect(out.outcome.message).toContain('unhealthy container');
    await waitUntil(
      async () => (await liveTasks('api-hc')).join() === Array(3).fill('tiny:latest Running').join(),
      'api-hc back on 3 running tiny:latest tasks',
      30_000,
    );
    await waitUntil(
      async () => (await taskContainerImages('api-hc')).join() === 'tiny:latest,tiny:latest,tiny:latest',
      'only tiny:latest task containers of api-hc running',
      30_000,
    );
    expect(audit().map((a) => [a.target, a.result])).toEqual([
      ['role:api', 'ok'],
      ['role:api-hc', 'failed'],
    ]);
  });

  it('read-only: refused, and the service is not touched', async () => {
    const before = await docker(['service', 'inspect', 'api', '--format', '{{.Version.Index}}']);
    const r = await cli(['--read-only', 'redeploy', 'role:api', '--image', 'tiny:latest', '--yes']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('read-only mode:');
    expect(await docker(['service', 'inspect', 'api', '--format', '{{.Version.Index}}'])).toBe(before);
  });

  it('a task node under hosts: without the image gets it loaded from a fleet host first, then the update', async () => {
    // Only host 0 has this tag: the swarm's node (a fleet host) must get it over SSH, not from a registry.
    const loaded = 'tiny:swarm-load';
    await dockerCli(index, ['rmi', loaded]);
    const tagged = await dockerCli(0, ['tag', 'tiny:v2', loaded]);
    expect(tagged.code, tagged.stderr).toBe(0);
    try {
      const r = await cli([
        'redeploy',
        'role:api',
        '--image',
        loaded,
        '--batch',
        '3',
        '--wait',
        '1',
        '--health-timeout',
        '2',
        '--yes',
        '--json',
      ]);
      expect(r.code, r.stderr).toBe(0);
      const out = JSON.parse(r.stdout) as CliJson & { plan: { loads: Array<{ from: string; to: string }> } };
      expect(out.plan.loads).toEqual([{ image: loaded, from: lab.hosts[0]!.name, to: host }]);
      expect(out.outcome.result).toBe('ok');
      expect(await liveTasks('api')).toEqual([`${loaded} Running`, `${loaded} Running`, `${loaded} Running`]);
    } finally {
      await dockerCli(0, ['rmi', loaded]);
    }
  });
});
