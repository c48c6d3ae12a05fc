import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeLab } from '../support/lab.js';
import { REPO_ROOT } from '../support/lab-script.js';
import { removeTempHome, TmuxSession } from '../support/tmux.js';

const BIN = resolve(REPO_ROOT, 'bin/fleetdeck.js');

/** Details of a lab container in the real binary: its last log lines, networks, limits, and `c`. */
describeLab('container details in the dashboard (tmux)', (lab) => {
  let tmux: TmuxSession;
  let home: string;

  beforeEach(async () => {
    home = mkdtempSync(join(tmpdir(), 'fleetdeck-details-'));
    tmux = await TmuxSession.start({ columns: 120, rows: 60, cwd: REPO_ROOT, env: { HOME: home } });
    await tmux.waitFor(/^\$/m, 10_000, 'the shell prompt');
  });

  afterEach(async () => {
    await tmux.kill();
    removeTempHome(home);
  });

  it('shows the last 5 log lines, networks and limits, and c lists what differs from another replica', async () => {
    const host = lab.hosts[0]!.name;
    await tmux.type(`exec node ${BIN} --fleet ${lab.fleetFile} --read-only`);
    const all = lab.hosts.length;
    await tmux.waitFor((s) => s.includes(`${all}/${all} up`), 30_000, 'all hosts up');
    await tmux.keys('3');
    await tmux.waitFor(/Containers · \d+/, 10_000, 'the Containers view');
    // The first web-1 row is host 0's (host order, then name).
    await tmux.tmux('send-keys', '-t', tmux.target, '-l', '/web-1');
    await tmux.keys('Enter');
    await tmux.waitFor(new RegExp(`^> ${host}\\s+web-1`, 'm'), 10_000, `the cursor on ${host}/web-1`);
    await tmux.keys('Enter');

    // Read over the host's SSH connection: web-1 logs a request a second.
    const details = await tmux.waitFor(
      (s) => /── Last 5 log lines\n(\s+\d\d:\d\d:\d\d( err)?\s+web-1: .*\n){5}/.test(s),
      20_000,
      'five log lines of web-1',
    );
    expect(details).toContain(`Details · ${host}/web-1`);
    // The lab runs every container with --network none and no limits.
    expect(details).toMatch(/── Networks\n\s+none\s+no address/);
    expect(details).toMatch(/── Limits\n\s+cpus\s+unlimited\n\s+memory\s+unlimited\n\s+pids\s+unlimited/);

    await tmux.keys('c');
    await tmux.waitFor(/pick a replica \(\d+\)/, 10_000, 'the replica picker');
    // web-2 on the same host comes next; it has no role label (its role comes from its name).
    await tmux.waitFor(new RegExp(`^> ${host}\\s+web-2`, 'm'), 10_000, `${host}/web-2 first`);
    await tmux.keys('Enter');
    const compared = await tmux.waitFor(
      (s) => s.includes(`Compare · ${host}/web-1 vs ${host}/web-2 · differences only`) && /── Labels/.test(s),
      20_000,
      'the differences of web-1 and web-2',
    );
    expect(compared).toMatch(/\n\s+role\s+web\s+\(unset\)/);
    // Same image, same mounts, same limits: not listed.
    expect(compared).not.toMatch(/── (Image|Mounts|Limits)/);
    await tmux.keys('q');
  });
});
