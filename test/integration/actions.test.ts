import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { describeLab, dockerCli, resetContainers } from '../support/lab.js';
import { REPO_ROOT } from '../support/lab-script.js';
import { waitUntil } from '../support/wait.js';

interface AuditLine {
  action: string;
  target: string;
  result: string;
  hosts: string[];
}

describeLab('actions against the lab', (lab) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'fleetdeck-actions-'));
  const env = { FLEETDECK_DATA_DIR: dataDir };
  const fleet = ['--fleet', lab.fleetFile];
  const cli = (args: string[], timeoutMs = 120_000) => runCli([...fleet, ...args], { env, timeoutMs });
  const hosts = lab.hosts.map((_, i) => i);
  const audit = (): AuditLine[] =>
    existsSync(join(dataDir, 'audit.jsonl'))
      ? readFileSync(join(dataDir, 'audit.jsonl'), 'utf8')
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l) as AuditLine & { phase?: string })
          .filter((l) => l.phase !== 'start') // one end line per action; start lines are tested in unit tests
      : [];
  const inspect = async (i: number, name: string, format: string): Promise<string> =>
    (await dockerCli(i, ['inspect', '-f', format, name])).stdout.trim();
  /** name image state of the role's containers and any fleetdeck leftovers on host i. */
  const webState = async (i: number, role = 'web'): Promise<string[]> => {
    const out = await dockerCli(i, ['ps', '-a', '--format', '{{.Names}} {{.Image}} {{.State}}']);
    return out.stdout
      .trim()
      .split('\n')
      .filter((l) => {
        const name = l.split(' ')[0] ?? '';
        return name.startsWith(`${role}-`) || name.startsWith('fleetdeck-') || name.includes('_fleetdeck');
      })
      .sort();
  };

  const removeSnapshots = async (): Promise<void> => {
    for (const i of hosts) {
      const ids = (
        await dockerCli(i, ['images', '-q', '--filter', 'label=org.fleetdeck.snapshot'])
      ).stdout.trim();
      if (ids) await dockerCli(i, ['rmi', '-f', ...new Set(ids.split('\n'))]);
    }
  };

  afterAll(async () => {
    await dockerCli(0, ['rm', '-f', 'vol-t']);
    await removeSnapshots();
    for (const i of hosts) {
      await dockerCli(i, ['rm', '-f', 'hc-1', 'vol-t', 'fleetdeck-lock-web', 'fleetdeck-lock-hc']);
      await resetContainers(i);
    }
  });

  it('restart keeps the container id and honours its own stop signal; the audit log gets one line', async () => {
    const before = await inspect(0, 'cron', '{{.Id}} {{.State.StartedAt}}');
    const result = await cli(['restart', `${lab.hosts[0]!.name}/cron`, '--yes']);
    expect(result.stderr).toContain('restart cron (SIGINT, SIGKILL after 5 s)');
    expect(result.code).toBe(0);
    const after = await inspect(0, 'cron', '{{.Id}} {{.State.StartedAt}}');
    expect(after.split(' ')[0]).toBe(before.split(' ')[0]);
    expect(after.split(' ')[1]).not.toBe(before.split(' ')[1]);
    const logs = await dockerCli(0, ['logs', 'cron']);
    expect(logs.stdout).toContain('cron: got SIGINT, exiting');
    expect(audit()).toEqual([
      expect.objectContaining({ action: 'restart', target: `${lab.hosts[0]!.name}/cron`, result: 'ok' }),
    ]);
  });

  it('kill --signal delivers that signal (SIGUSR1, SIGHUP) to a container that logs them', async () => {
    const result = await cli(['kill', '--signal', 'USR1', `${lab.hosts[0]!.name}/siglog`, '--yes', '--json']);
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as { outcome: { result: string } }).outcome.result).toBe('ok');
    await waitUntil(
      async () => (await dockerCli(0, ['logs', 'siglog'])).stdout.includes('got SIGUSR1'),
      'got SIGUSR1',
      5_000,
    );
    const hup = await cli(['kill', '--signal', 'SIGHUP', `${lab.hosts[0]!.name}/siglog`, '--yes', '--json']);
    expect(hup.code).toBe(0);
    await waitUntil(
      async () => (await dockerCli(0, ['logs', 'siglog'])).stdout.includes('got SIGHUP'),
      'got SIGHUP',
      5_000,
    );
    expect(audit().map((a) => a.action)).toEqual(['restart', 'kill', 'kill']);
  });

  it('in read-only mode nothing mutates: refused with exit 2, and the daemons report no event at all', async () => {
    const since = (Date.now() / 1000).toFixed(3);
    for (const args of [
      ['restart', 'role:web', '--yes'],
      ['stop', '--timeout', '1', 'role:web', '--yes'],
      ['kill', '--signal', 'KILL', 'siglog', '--yes'],
      ['redeploy', 'role:web', '--image', 'tiny:v2', '--yes'],
      ['snapshot', 'create', `${lab.hosts[0]!.name}/web-1`, '--yes'],
    ]) {
      const r = await cli(['--read-only', ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toContain('read-only mode:');
    }
    const until = Math.floor(Date.now() / 1000) + 1;
    await new Promise((r) => setTimeout(r, 1100));
    for (const i of hosts) {
      const events = await dockerCli(i, [
        'events',
        '--since',
        String(since),
        '--until',
        String(until),
        '--format',
        '{{.Type}} {{.Action}} {{.Actor.Attributes.name}}',
      ]);
      // The daemon's own health-check execs (container "healthy") are nobody's mutation.
      const mutations = events.stdout
        .trim()
        .split('\n')
        .filter((e) => e !== '' && !/^container (exec_create|exec_start|exec_die|health_status)/.test(e));
      expect(mutations, lab.hosts[i]!.name).toEqual([]);
    }
    expect(
      audit()
        .slice(-5)
        .map((a) => a.result),
    ).toEqual(['refused', 'refused', 'refused', 'refused', 'refused']);
  });

  it('snapshot, change a file in a volume, rollback: the file is back; the snapshot ships to another host and runs there', async () => {
    await dockerCli(0, [
      'run',
      '-d',
      '--name',
      'vol-t',
      '--network',
      'none',
      '-v',
      'fdtest-vol:/data',
      'tiny:latest',
      'sh',
      '-c',
      'trap "exit 0" TERM; while :; do sleep 1 & wait $!; done',
    ]);
    await dockerCli(0, ['exec', 'vol-t', 'sh', '-c', 'echo before > /data/file']);
    const snap = await cli(['snapshot', 'create', `${lab.hosts[0]!.name}/vol-t`, '--yes', '--json']);
    expect(snap.code).toBe(0);
    const image = (JSON.parse(snap.stdout) as { outcome: { details: { image: string } } }).outcome.details
      .image;
    expect(image).toMatch(/^fleetdeck-snapshot\/vol-t:\d{8}-\d{6}$/);
    const labels = await dockerCli(0, ['image', 'inspect', '-f', '{{json .Config.Labels}}', image]);
    expect(JSON.parse(labels.stdout)).toMatchObject({
      'org.fleetdeck.snapshot.container': 'vol-t',
      'org.fleetdeck.snapshot.host': lab.hosts[0]!.name,
      'org.fleetdeck.snapshot.source-image': 'tiny:latest',
    });
    const list = await cli(['snapshot', 'list', 'vol-t', '--json']);
    const listed = JSON.parse(list.stdout) as Array<{ container: string }>;
    expect(listed).toContainEqual(expect.objectContaining({ image, container: 'vol-t', volumes: 1 }));
    expect(listed.every((l) => l.container === 'vol-t')).toBe(true);

    await dockerCli(0, ['exec', 'vol-t', 'sh', '-c', 'echo after > /data/file']);
    const back = await cli(['rollback', `${lab.hosts[0]!.name}/vol-t`, '--to', image, '--yes']);
    expect(back.stderr + back.stdout).toContain('on 1 restored volume');
    expect(back.code).toBe(0);
    expect((await dockerCli(0, ['exec', 'vol-t', 'cat', '/data/file'])).stdout.trim()).toBe('before');
    expect(await webState(0, 'vol')).toEqual([`vol-t ${image} running`]);

    const target = lab.hosts.length > 1 ? 1 : 0;
    const ship = await cli([
      'snapshot',
      'ship',
      image,
      '--from',
      lab.hosts[0]!.name,
      '--to',
      lab.hosts[target]!.name,
      '--yes',
    ]);
    expect(ship.code).toBe(0);
    const ran = await dockerCli(target, [
      'run',
      '--rm',
      '--network',
      'none',
      image,
      'cat',
      '/.fleetdeck-volumes/0/data/file',
    ]);
    expect(ran.stdout.trim()).toBe('before');
    await dockerCli(target, ['rmi', image]);
  });

  it('redeploy of web to tiny:v2 keeps at least replicas − batch running at every sampled moment', async () => {
    const replicas = hosts.length * 2;
    const batch = 2;
    let sampling = true;
    let minRunning = Infinity;
    const sampler = (async () => {
      while (sampling) {
        let running = 0;
        for (const i of hosts)
          running += (await webState(i)).filter(
            (l) => / running$/.test(l) && !l.includes('fleetdeck'),
          ).length;
        minRunning = Math.min(minRunning, running);
      }
    })();
    const result = await cli([
      'redeploy',
      'role:web',
      '--image',
      'tiny:v2',
      '--batch',
      String(batch),
      '--wait',
      '2',
      '--yes',
    ]);
    sampling = false;
    await sampler;
    expect(result.stderr).toContain(`${replicas} replicas on ${hosts.length} host`);
    expect(result.code).toBe(0);
    expect(minRunning).toBeGreaterThanOrEqual(replicas - batch);
    for (const i of hosts) {
      expect(await webState(i)).toEqual(['web-1 tiny:v2 running', 'web-2 tiny:v2 running']);
      expect(
        await inspect(
          i,
          'web-1',
          '{{index .Config.Labels "role"}} {{.HostConfig.RestartPolicy.Name}} {{.Config.Hostname}}',
        ),
      ).toBe('web unless-stopped web-1');
    }
  });

  it('a replacement whose health check fails rolls back: every replica is on the old image again', async () => {
    for (const i of hosts) {
      await dockerCli(i, [
        'run',
        '-d',
        '--name',
        'hc-1',
        '--network',
        'none',
        '--label',
        'role=hc',
        '--health-cmd',
        'grep -q v1 /etc/release',
        '--health-interval',
        '1s',
        '--health-retries',
        '1',
        'tiny:latest',
        'sh',
        '-c',
        'echo hc up; trap "exit 0" TERM; while :; do sleep 1 & wait $!; done',
      ]);
    }
    const result = await cli([
      'redeploy',
      'role:hc',
      '--image',
      'tiny:v2',
      '--health-timeout',
      '20',
      '--yes',
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/failed in batch 1 — rollout stopped, batch rolled back to its old image/);
    expect(result.stderr).toMatch(/hc-1 is unhealthy/);
    expect(result.stderr).toContain('hc up');
    for (const i of hosts) expect(await webState(i, 'hc')).toEqual(['hc-1 tiny:latest running']);
  });

  it('fleetdeck SIGKILLed mid-rollout: --status shows it, --rollback puts every replica back whole', async () => {
    for (const i of hosts) await resetContainers(i); // web back on tiny:latest
    const journal = join(dataDir, 'rollouts', 'web.json');
    const child = spawn(
      process.execPath,
      [
        resolve(REPO_ROOT, 'bin/fleetdeck.js'),
        ...fleet,
        'redeploy',
        'role:web',
        '--image',
        'tiny:v2',
        '--wait',
        '3',
        '--yes',
      ],
      {
        env: { ...process.env, ...env },
        stdio: 'ignore',
      },
    );
    const exited = new Promise((r) => child.once('exit', r));
    // Killed while the second replica's replacement waits to count as started: one done, one in flight.
    await waitUntil(
      () => {
        const text = existsSync(journal) ? readFileSync(journal, 'utf8') : '';
        return text.includes('"phase": "done"') && text.includes('"phase": "starting"');
      },
      'one replica done and one starting',
      60_000,
    );
    child.kill('SIGKILL');
    await exited;
    const status = await cli(['redeploy', 'role:web', '--status']);
    expect(status.stdout).toMatch(/role web: rollout \S+ to tiny:v2 interrupted/);
    expect(status.stdout).toContain('--rollback');
    const again = await cli(['redeploy', 'role:web', '--image', 'tiny:v2', '--yes']);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('has an interrupted rollout');
    const rollback = await cli(['redeploy', 'role:web', '--rollback', '--yes']);
    expect(rollback.stderr + rollback.stdout).toMatch(/rolled back/);
    expect(rollback.code).toBe(0);
    for (const i of hosts)
      expect(await webState(i)).toEqual(['web-1 tiny:latest running', 'web-2 tiny:latest running']);
    expect(existsSync(journal)).toBe(false);
    expect(
      audit()
        .filter((a) => a.action === 'redeploy-recover')
        .map((a) => a.result),
    ).toEqual(['ok']);
  });
});
