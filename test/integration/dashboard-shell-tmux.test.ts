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
  phase: 'start' | 'end';
  action: string;
  target: string;
  result?: string;
  params: { cmd?: string[]; tty?: boolean; interactive?: boolean };
}

/**
 * `e` in a real terminal against the lab: the dashboard steps aside for a shell in the selected
 * container (over the host's own SSH connection), the shell has the terminal, and `exit` brings
 * the dashboard back in the view, with the filter and the cursor it had.
 */
describeLab('a shell from the dashboard, in tmux against the lab', (lab) => {
  let tmux: TmuxSession;
  let home: string;
  let dataDir: string;
  const host0 = lab.hosts[0]!.name;

  beforeEach(async () => {
    home = mkdtempSync(join(tmpdir(), 'fleetdeck-tmux-shell-'));
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
      .map((l) => JSON.parse(l) as AuditLine);
  };

  async function openDashboardOnCron(flags = ''): Promise<string> {
    await tmux.type(`node ${BIN} --fleet ${lab.fleetFile} ${flags}; echo FLEETDECK_EXIT=$?`);
    const all = lab.hosts.length;
    await tmux.waitFor((s) => HEADER.test(s) && s.includes(`${all}/${all} up`), 30_000, 'all hosts up');
    await tmux.keys('3', '/', 'c', 'r', 'o', 'n', 'Enter');
    const screen = await tmux.waitFor(/Containers · \/cron\/ · \d+ of \d+/, 10_000, 'the /cron/ filter');
    expect(screen).toMatch(new RegExp(`^> ${host0}\\s+cron\\s`, 'm'));
    return screen;
  }

  it('e opens a shell in lab-0 cron; a command runs; resizes reach it; exit returns to the same view', async () => {
    await openDashboardOnCron();
    await tmux.keys('e');
    // The dashboard is gone from the screen (normal screen) and the container's shell prompts.
    await tmux.waitFor(
      (s) => !HEADER.test(s) && /^\S* ?[#$]\s*$/m.test(s),
      20_000,
      'the shell prompt in cron',
    );

    await tmux.type('echo marker-$((6*7))');
    await tmux.waitFor(/^marker-42\s*$/m, 10_000, 'the command output');

    // The window changes size: the session's TTY follows (SIGWINCH → exec resize).
    await tmux.tmux('resize-window', '-t', tmux.target, '-x', '100', '-y', '30');
    await tmux.type('echo size-$(stty size | tr " " x)');
    await tmux.waitFor(/^size-30x100\s*$/m, 10_000, 'the new size inside the shell');
    await tmux.tmux('resize-window', '-t', tmux.target, '-x', '120', '-y', '40');

    await tmux.type('exit');
    const back = await tmux.waitFor(
      (s) => HEADER.test(s) && /Containers · \/cron\//.test(s),
      20_000,
      'the dashboard back',
    );
    expect(back).toMatch(new RegExp(`^> ${host0}\\s+cron\\s`, 'm'));
    await tmux.waitFor(/shell in .*cron ended \(exit 0\)/, 10_000, 'the status line');

    // Through the executor: a start and an end line, the command recorded (never what it printed).
    const lines = audit();
    expect(lines.map((l) => `${l.phase} ${l.action} ${l.target} ${l.result ?? ''}`.trim())).toEqual([
      `start exec ${host0}/cron`,
      `end exec ${host0}/cron ok`,
    ]);
    expect(lines[0]!.params).toMatchObject({ tty: true, interactive: true });
    expect(lines[0]!.params.cmd?.join(' ')).toContain('exec bash');
    expect(readFileSync(join(dataDir, 'audit.jsonl'), 'utf8')).not.toContain('marker-42');

    // The dashboard answers keys again.
    await tmux.keys('q');
    await tmux.waitFor('FLEETDECK_EXIT=0', 20_000, 'exit 0');
  });

  it('the container dying under the shell returns to the dashboard, the end said', async () => {
    const image = (await dockerCli(0, ['inspect', '-f', '{{.Config.Image}}', 'cron'])).stdout.trim();
    await dockerCli(0, ['rm', '-f', 'shellvictim']);
    await dockerCli(0, [
      'run',
      '-d',
      '--name',
      'shellvictim',
      '-l',
      'role=shellvictim',
      image,
      'sleep',
      '600',
    ]);
    try {
      await tmux.type(`node ${BIN} --fleet ${lab.fleetFile}; echo FLEETDECK_EXIT=$?`);
      await tmux.waitFor(HEADER, 30_000, 'the dashboard');
      await tmux.keys('3', '/', ...'shellvictim', 'Enter');
      await tmux.waitFor(new RegExp(`^> ${host0}\\s+shellvictim\\s`, 'm'), 15_000, 'shellvictim selected');
      await tmux.keys('e');
      await tmux.waitFor((s) => !HEADER.test(s) && /^\S* ?[#$]\s*$/m.test(s), 20_000, 'the shell prompt');
      await dockerCli(0, ['kill', 'shellvictim']);
      const back = await tmux.waitFor(/shell in .*shellvictim/, 30_000, 'the dashboard back');
      expect(back).toMatch(HEADER);
      expect(back).toMatch(/Containers · \/shellvictim\//);
      await tmux.keys('q');
      await tmux.waitFor('FLEETDECK_EXIT=0', 20_000, 'exit 0');
    } finally {
      await dockerCli(0, ['rm', '-f', 'shellvictim']);
    }
  });

  it('--read-only: e is not bound, nothing is audited', async () => {
    await openDashboardOnCron('--read-only');
    await tmux.keys('e', '?');
    const help = await tmux.waitFor(/Keys in the Containers view/, 10_000, 'help');
    expect(help).not.toContain('Shell in the container');
    expect(audit()).toEqual([]);
    await tmux.keys('q');
    await tmux.waitFor('FLEETDECK_EXIT=0', 20_000, 'exit 0');
  });
});
