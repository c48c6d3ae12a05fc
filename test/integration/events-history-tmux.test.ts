import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeLab, dockerCli } from '../support/lab.js';
import { REPO_ROOT } from '../support/lab-script.js';
import { removeTempHome, TmuxSession } from '../support/tmux.js';

const BIN = resolve(REPO_ROOT, 'bin/fleetdeck.js');

/**
 * The dashboard itself, in a real terminal, shows what happened before it started: a container
 * restarted a moment earlier is in Events (from each daemon's history), with its role, and the
 * view says how far back that history reaches.
 */
describeLab('events history in the dashboard (tmux)', (lab) => {
  let tmux: TmuxSession;
  let home: string;

  beforeEach(async () => {
    home = mkdtempSync(join(tmpdir(), 'fleetdeck-events-'));
    tmux = await TmuxSession.start({ columns: 120, rows: 40, cwd: REPO_ROOT, env: { HOME: home } });
    await tmux.waitFor(/^\$/m, 10_000, 'the shell prompt');
  });

  afterEach(async () => {
    await tmux.kill();
    removeTempHome(home);
  });

  it('a container restarted before the dashboard started appears in Events, filtered by role, host and kind', async () => {
    const host = lab.hosts[0]!.name;
    const restarted = await dockerCli(0, ['restart', '-t', '1', 'web-2']);
    expect(restarted.code, restarted.stderr).toBe(0);

    // In the pane's foreground, so that it gets the keys.
    await tmux.type(`exec node ${BIN} --fleet ${lab.fleetFile} --read-only`);
    const all = lab.hosts.length;
    await tmux.waitFor((s) => s.includes(`${all}/${all} up`), 30_000, 'all hosts up');

    await tmux.keys('4');
    await tmux.waitFor(/^Events · /m, 10_000, 'the Events view');
    await tmux.tmux('send-keys', '-t', tmux.target, '-l', `:events role=web host=${host} restart`);
    await tmux.keys('Enter');
    const row = new RegExp(`${host}\\s+container restart\\s+web-2\\s+web\\b`);
    // How far back it reaches, per host (a daemon buffer full of health-check execs may cut it).
    const reach = /^history: (from \d\d:\d\d:\d\d .* on all \d+ hosts|.*from \d\d:\d\d:\d\d)/m;
    // Wait for the reach line too: the live stream can bring a restart of the start's second before
    // the history read has answered (a CI run under load showed "live events only" then).
    const screen = await tmux.waitFor(
      (s) => s.includes(`Events · role=web host=${host} restart`) && row.test(s) && reach.test(s),
      30_000,
      `the restart of ${host}/web-2 from before the start, and the history's reach`,
    );
    // Nothing but what the filter asked for.
    const rows = screen.split('\n').filter((l) => /^[> ] \d\d:\d\d:\d\d /.test(l));
    expect(rows.length).toBeGreaterThan(0);
    for (const l of rows) expect(l).toMatch(row);
    expect(screen).toMatch(reach);

    // The die before that restart, with its exit decoded: 0 when web-2's SIGTERM trap ran within
    // the second `-t 1` gives it, 137 SIGKILL once that second ran out.
    await tmux.tmux('send-keys', '-t', tmux.target, '-l', `:events host=${host} die`);
    await tmux.keys('Enter');
    await tmux.waitFor(
      new RegExp(`${host}\\s+container die\\s+web-2\\s+web\\s+exit (0|137 SIGKILL/OOM)\\b`),
      20_000,
      'the decoded exit of web-2',
    );
    await tmux.keys('q');
  });
});
