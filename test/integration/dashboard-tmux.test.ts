import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeLab } from '../support/lab.js';
import { REPO_ROOT } from '../support/lab-script.js';
import { removeTempHome, TmuxSession } from '../support/tmux.js';

const BIN = resolve(REPO_ROOT, 'bin/fleetdeck.js');
const HEADER = /fleetdeck .*\b1:Hosts\b.*\b4:Events/;
const ESC = String.fromCharCode(27);

/**
 * The real binary in a real terminal (tmux, 120×40) against the lab: what a user sees, the keys a
 * user presses, and what the terminal looks like after each way out.
 */
describeLab('dashboard in tmux against the lab', (lab) => {
  let tmux: TmuxSession;
  let home: string;

  beforeEach(async () => {
    home = mkdtempSync(join(tmpdir(), 'fleetdeck-tmux-'));
    tmux = await TmuxSession.start({ columns: 120, rows: 40, cwd: REPO_ROOT, env: { HOME: home } });
    await tmux.waitFor(/^\$/m, 10_000, 'the shell prompt');
  });

  afterEach(async () => {
    await tmux.kill();
    removeTempHome(home);
  });

  /** Starts fleetdeck from the shell; returns its pid (printed before the alternate screen). */
  async function startDashboard(flags = ''): Promise<number> {
    await tmux.type(
      `sh -c 'echo FLEETDECK_PID=$$; exec node ${BIN} --fleet ${lab.fleetFile} ${flags}'; echo FLEETDECK_EXIT=$?`,
    );
    const all = lab.hosts.length;
    await tmux.waitFor((s) => HEADER.test(s) && s.includes(`${all}/${all} up`), 30_000, 'all hosts up');
    expect(await tmux.display('#{alternate_on}')).toBe('1');
    // The pid line went to the normal screen; tmux keeps it there while the alternate one shows.
    const normal = await tmux.tmux('capture-pane', '-p', '-a', '-t', tmux.target).catch(() => '');
    const match = /FLEETDECK_PID=(\d+)/.exec(normal);
    if (!match?.[1]) throw new Error(`no pid line on the normal screen:\n${normal}`);
    return Number(match[1]);
  }

  async function expectRestored(exitCode: number): Promise<void> {
    const screen = await tmux.waitFor(`FLEETDECK_EXIT=${exitCode}`, 20_000, `exit ${exitCode}`);
    expect(await tmux.display('#{alternate_on}')).toBe('0');
    expect(await tmux.display('#{cursor_flag}')).toBe('1');
    // The shell's normal screen is back: the command line, no dashboard left over.
    expect(screen).toContain('FLEETDECK_PID=');
    expect(screen).not.toMatch(HEADER);
  }

  it('shows the lab, switches views, filters to a role, opens details, quits cleanly', async () => {
    await startDashboard();
    for (const host of lab.hosts) await tmux.waitFor(host.name, 10_000);

    await tmux.keys('3');
    const containers = await tmux.waitFor(/Containers · \d+/, 10_000, 'the Containers view');
    for (const name of ['web-1', 'web-2', 'worker-1', 'sigignore', 'healthy'])
      expect(containers).toContain(name);
    // Visible running containers get sampled: a CPU figure appears next to them.
    await tmux.waitFor(/web-1 .* \d+\.\d%/, 20_000, 'a CPU% figure on web-1');

    await tmux.keys('Tab');
    await tmux.waitFor(/^Events · /m, 10_000, 'the Events view');
    await tmux.keys(':', 'r', 'o', 'l', 'e', 's', 'Enter');
    await tmux.waitFor(/^Roles · /m, 10_000, 'the Roles view after :roles');
    await tmux.keys('?');
    await tmux.waitFor(/^Help/m, 10_000, 'the Help view');
    await tmux.keys('Escape');
    await tmux.waitFor(/^Roles · /m, 10_000, 'back to Roles');

    // Filter to a role, typed in one go (tmux sends it faster than the program reads).
    await tmux.keys('3', '/', 'w', 'e', 'b', 'Enter');
    const filtered = await tmux.waitFor(/Containers · \/web\/ · \d+ of \d+/, 10_000, 'the /web/ filter');
    const rows = filtered.split('\n').filter((l) => /^[> ] lab-\d/.test(l));
    expect(rows).toHaveLength(lab.hosts.length * 2);
    for (const row of rows) expect(row).toMatch(/\bweb-[12]\s+web\s/);

    await tmux.keys('Enter');
    let details = await tmux.waitFor(/Labels/, 15_000, 'the details of the first web container');
    expect(details).toMatch(/Details · lab-0\/web-1/);
    // Details run past one screen (ports, networks, limits, last log lines): scroll to the labels.
    const labelsShown = (s: string) => /org\.fleetdeck\.lab\.image/.test(s) && /^\s+lab\.host\s/m.test(s);
    for (let i = 0; i < 60 && !labelsShown(details); i++) {
      const before = details;
      await tmux.keys('j');
      details = await tmux.waitFor((s) => s !== before || labelsShown(s), 5_000, 'details scrolled by j');
    }
    // Label values stay in their column, however long the key.
    const lines = details.split('\n');
    const long = lines.find((l) => l.includes('org.fleetdeck.lab.image')) ?? '';
    const short = lines.find((l) => /^\s+lab\.host\s/.test(l)) ?? '';
    expect(long).toMatch(/org\.fleetdeck\.lab\.image\s{2,}tiny/);
    expect(long.indexOf('tiny')).toBe(short.search(/lab-\d\s*$/));

    await tmux.keys('q');
    await expectRestored(0);
  });

  it('restores the terminal on SIGTERM and on SIGHUP', async () => {
    for (const [signal, code] of [
      ['SIGTERM', 143],
      ['SIGHUP', 129],
    ] as const) {
      await tmux.keys('C-l');
      const pid = await startDashboard('--read-only');
      process.kill(pid, signal);
      await expectRestored(code);
    }
  });

  it('runs as a wallboard with stdin from /dev/null (no keyboard) and gives the terminal back on SIGTERM', async () => {
    await tmux.type(
      `sh -c 'echo FLEETDECK_PID=$$; exec node ${BIN} --fleet ${lab.fleetFile} --wallboard </dev/null'; echo FLEETDECK_EXIT=$?`,
    );
    const screen = await tmux.waitFor(
      // "waiting for data" until a daemon has answered, then how long ago one did.
      (s) =>
        s.includes('fleetdeck wallboard') &&
        lab.hosts.every((h) => s.includes(h.name)) &&
        /updated \d+s ago/.test(s),
      30_000,
      'the wallboard with every lab host',
    );
    expect(screen).not.toContain('Raw mode');
    expect(screen).toMatch(/updated \d+s ago/);
    const normal = await tmux.tmux('capture-pane', '-p', '-a', '-t', tmux.target).catch(() => '');
    const pid = Number(/FLEETDECK_PID=(\d+)/.exec(normal)?.[1]);
    expect(pid).toBeGreaterThan(0);
    process.kill(pid, 'SIGTERM');
    await expectRestored(143);
  });

  it('redraws only what changed: an idle dashboard writes a few short rows, never a full repaint', async () => {
    const log = join(home, 'pane-output');
    await startDashboard();
    await tmux.waitFor(/upd \d+s ago/, 10_000);
    await tmux.recordOutput(log);
    const start = Date.now();
    // Let the clock tick a few times (the header changes every second).
    await tmux.waitFor(() => Date.now() - start > 4000, 10_000, 'four seconds of idle updates');
    await tmux.stopRecording();
    const bytes = statSync(log).size;
    const output = readFileSync(log, 'utf8');
    await tmux.keys('q');
    await expectRestored(0);
    // Four seconds of clock ticks and fresh pings took 18 rows (~4 KB) when measured; full-frame
    // redraws would be 40 rows per tick and no row addressed on its own.
    const rowsWritten = output.split(`${ESC}[`).filter((s) => /^\d+;1H/.test(s)).length;
    expect(rowsWritten).toBeGreaterThan(0);
    expect(rowsWritten).toBeLessThan(2 * 40);
    expect(bytes).toBeLessThan(16_000);
    expect(output).not.toContain(`${ESC}[2J`);
  });
});
