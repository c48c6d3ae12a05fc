import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeLab, dockerCli } from '../support/lab.js';
import { REPO_ROOT } from '../support/lab-script.js';
import { removeTempHome, TmuxSession } from '../support/tmux.js';

const BIN = resolve(REPO_ROOT, 'bin/fleetdeck.js');
const HEADER = /fleetdeck .*\b1:Hosts\b.*\b4:Events/;

interface AuditLine {
  action: string;
  target: string;
  result: string;
  hosts: string[];
}

/**
 * Acting from the dashboard, in a real terminal against the lab: the key, the plan on screen, the
 * confirmation, the daemon's own record of what happened, the audit line.
 */
describeLab('dashboard actions in tmux against the lab', (lab) => {
  let tmux: TmuxSession;
  let home: string;
  let dataDir: string;
  const host0 = lab.hosts[0]!.name;

  beforeEach(async () => {
    home = mkdtempSync(join(tmpdir(), 'fleetdeck-tmux-actions-'));
    dataDir = join(home, 'data');
    tmux = await TmuxSession.start({
      columns: 120,
      rows: 40,
      cwd: REPO_ROOT,
      env: { HOME: home, FLEETDECK_DATA_DIR: dataDir },
    });
    await tmux.waitFor(/^\$/m, 10_000, 'the shell prompt');
  });

  afterEach(async () => {
    await tmux.kill();
    removeTempHome(home);
  });

  const audit = (): AuditLine[] => {
    const file = join(dataDir, 'audit.jsonl');
    if (!existsSync(file)) return [];
    return readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as AuditLine & { phase?: string })
      .filter((l) => l.phase !== 'start'); // one end line per action; start lines are tested in unit tests;
  };
  const cron = async (): Promise<string> =>
    (
      await dockerCli(0, ['inspect', '-f', '{{.Id}} {{.RestartCount}} {{.State.StartedAt}}', 'cron'])
    ).stdout.trim();

  async function startDashboard(flags = ''): Promise<void> {
    await tmux.type(`node ${BIN} --fleet ${lab.fleetFile} ${flags}; echo FLEETDECK_EXIT=$?`);
    const all = lab.hosts.length;
    await tmux.waitFor((s) => HEADER.test(s) && s.includes(`${all}/${all} up`), 30_000, 'all hosts up');
  }

  /** The Containers view filtered to cron, the cursor on lab-0's. */
  async function selectCron(): Promise<void> {
    await tmux.keys('3', '/', 'c', 'r', 'o', 'n', 'Enter');
    const screen = await tmux.waitFor(/Containers · \/cron\/ · \d+ of \d+/, 10_000, 'the /cron/ filter');
    expect(screen).toMatch(new RegExp(`^> ${host0}\\s+cron\\s`, 'm'));
  }

  it('r on lab-0 cron shows the plan, restarts it on y (same id, new start), audits it', async () => {
    const [id, , startedAt] = (await cron()).split(' ');
    await startDashboard();
    await selectCron();

    await tmux.keys('r');
    const plan = await tmux.waitFor(`restart ${host0}/cron — proceed? [y/N]`, 15_000, 'the plan');
    expect(plan).toContain(`hosts: ${host0}`);
    // The container's own stop signal and timeout (the lab gives cron SIGINT and 5 s).
    expect(plan).toContain(`1. ${host0}: restart cron (SIGINT, SIGKILL after 5 s)`);

    await tmux.keys('y');
    const done = await tmux.waitFor(/✓ done|✗ failed/, 60_000, 'the result');
    expect(done).toContain('✓ done');
    const [idAfter, , startedAfter] = (await cron()).split(' ');
    expect(idAfter).toBe(id);
    expect(startedAfter).not.toBe(startedAt);
    expect(audit()).toEqual([
      expect.objectContaining({ action: 'restart', target: `${host0}/cron`, result: 'ok', hosts: [host0] }),
    ]);

    await tmux.keys('Enter');
    await tmux.waitFor(new RegExp(`^> ${host0}\\s+cron\\s.*running`, 'm'), 15_000, 'cron listed again');
    await tmux.keys('q');
    await tmux.waitFor('FLEETDECK_EXIT=0', 20_000, 'exit 0');
  });

  it('K sends the signal chosen in the menu (typed name confirms)', async () => {
    await startDashboard();
    await tmux.keys('3', '/', 's', 'i', 'g', 'l', 'o', 'g', 'Enter');
    await tmux.waitFor(new RegExp(`^> ${host0}\\s+siglog\\s`, 'm'), 10_000, 'siglog selected');
    await tmux.keys('K');
    // No stop signal configured: the default SIGTERM is the menu's default.
    const menu = await tmux.waitFor(/› SIGTERM\s+stop signal/, 15_000, 'the signal menu');
    expect(menu).toContain('SIGUSR1');
    const order = menu.split('\n').flatMap((l) => /^\s*[› ] (SIG\w+)/.exec(l)?.[1] ?? []);
    const downs = order.indexOf('SIGUSR1');
    expect(downs).toBeGreaterThan(0);
    await tmux.keys(...Array<string>(downs).fill('Down'));
    await tmux.waitFor('› SIGUSR1', 5_000, 'SIGUSR1 selected');
    await tmux.keys('Enter');
    await tmux.waitFor('type "siglog" to proceed', 15_000, 'the typed confirmation');
    await tmux.keys('-l', 'siglog');
    await tmux.keys('Enter');
    await tmux.waitFor('✓ done', 30_000, 'the result');
    // The script's trap runs once its current `sleep` returns.
    const deadline = Date.now() + 10_000;
    let logs = '';
    while (!logs.includes('got SIGUSR1') && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      logs = (await dockerCli(0, ['logs', 'siglog'])).stdout;
    }
    expect(logs).toContain('got SIGUSR1');
    expect(audit()).toEqual([
      expect.objectContaining({ action: 'kill', target: `${host0}/siglog`, result: 'ok' }),
    ]);
    await tmux.keys('Enter', 'q');
    await tmux.waitFor('FLEETDECK_EXIT=0', 20_000, 'exit 0');
  });

  it('S stops gracefully with the timeout prompted (default its own), cron exits 0 on its SIGINT', async () => {
    try {
      await startDashboard();
      await selectCron();
      await tmux.keys('S');
      await tmux.waitFor('> 5_', 15_000, 'the timeout prompt with its own 5 s');
      await tmux.keys('Enter');
      const plan = await tmux.waitFor('type "cron" to proceed', 15_000, 'the plan');
      expect(plan).toContain(`${host0}: stop cron (SIGINT, SIGKILL after 5 s)`);
      await tmux.keys('-l', 'cron');
      await tmux.keys('Enter');
      await tmux.waitFor('✓ done', 30_000, 'the result');
      const state = await dockerCli(0, ['inspect', '-f', '{{.State.Running}} {{.State.ExitCode}}', 'cron']);
      expect(state.stdout.trim()).toBe('false 0');
      await tmux.keys('Enter', 'q');
      await tmux.waitFor('FLEETDECK_EXIT=0', 20_000, 'exit 0');
    } finally {
      await dockerCli(0, ['start', 'cron']);
    }
  });

  it('Esc at the confirmation leaves the container alone', async () => {
    const before = await cron();
    await startDashboard();
    await selectCron();
    await tmux.keys('r');
    await tmux.waitFor('proceed? [y/N]', 15_000, 'the plan');
    await tmux.keys('Escape');
    await tmux.waitFor(/Containers · \/cron\//, 10_000, 'back to the list');
    expect(await cron()).toBe(before);
    expect(audit()).toEqual([]);
    await tmux.keys('q');
    await tmux.waitFor('FLEETDECK_EXIT=0', 20_000, 'exit 0');
  });

  it('--read-only binds no action key', async () => {
    const before = await cron();
    await startDashboard('--read-only');
    await selectCron();
    await tmux.keys('r', 'K', 'S', 's');
    await tmux.keys('?');
    const help = await tmux.waitFor(/Keys in the Containers view/, 10_000, 'help');
    expect(help).not.toMatch(/Restart|Send a signal|Stop gracefully|Snapshot/);
    expect(await cron()).toBe(before);
    expect(audit()).toEqual([]);
    await tmux.keys('q');
    await tmux.waitFor('FLEETDECK_EXIT=0', 20_000, 'exit 0');
  });
});
