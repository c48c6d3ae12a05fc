import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeLab } from '../support/lab.js';
import { REPO_ROOT } from '../support/lab-script.js';
import { removeTempHome, TmuxSession } from '../support/tmux.js';

const BIN = resolve(REPO_ROOT, 'bin/fleetdeck.js');
const CLOCK = /fleetdeck wallboard\s+(\d\d):(\d\d):(\d\d)/;

function secondsOf(screen: string): number | undefined {
  const m = CLOCK.exec(screen);
  return m ? Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]) : undefined;
}

/**
 * The wallboard in a real terminal when every host is down and there is no keyboard: it must
 * stay, keep drawing and keep reconnecting — that outage is what a wallboard is for.
 */
describeLab('the wallboard with every host down', (lab) => {
  let tmux: TmuxSession;
  let home: string;

  beforeEach(async () => {
    home = mkdtempSync(join(tmpdir(), 'fleetdeck-wallboard-'));
    tmux = await TmuxSession.start({ columns: 120, rows: 40, cwd: REPO_ROOT, env: { HOME: home } });
    await tmux.waitFor(/^\$/m, 10_000, 'the shell prompt');
  });

  afterEach(async () => {
    await tmux.kill();
    removeTempHome(home);
  });

  it('stays, keeps drawing and showing the hosts unreachable, with stdin from /dev/null', async () => {
    // Ports nobody listens on: every connection is refused, over and over.
    const fleet = join(home, 'down.yaml');
    const hosts = ['down-a', 'down-b', 'down-c'];
    writeFileSync(
      fleet,
      [
        `knownHostsFile: ${lab.knownHosts}`,
        'hosts:',
        ...hosts.flatMap((name, i) => [
          `  - name: ${name}`,
          `    ssh: root@127.0.0.1:${i + 1}`,
          `    identityFile: ${lab.clientKey}`,
        ]),
        '',
      ].join('\n'),
    );
    await tmux.type(
      `sh -c 'echo FLEETDECK_PID=$$; exec node ${BIN} --fleet ${fleet} --wallboard </dev/null'; echo FLEETDECK_EXIT=$?`,
    );
    const first = await tmux.waitFor(
      (s) => CLOCK.test(s) && hosts.every((h) => new RegExp(`${h}\\s.*unreachable`).test(s)),
      30_000,
      'the wallboard with every host unreachable',
    );
    const normal = await tmux.tmux('capture-pane', '-p', '-a', '-t', tmux.target).catch(() => '');
    const pid = Number(/FLEETDECK_PID=(\d+)/.exec(normal)?.[1]);
    expect(pid).toBeGreaterThan(0);
    expect(first).toContain('refused');

    // Well past the ~2 s after which it used to leave: still drawing (the clock moves on)…
    const start = secondsOf(first) ?? 0;
    const later = await tmux.waitFor(
      (s) => {
        const now = secondsOf(s);
        return now !== undefined && (now - start + 86_400) % 86_400 >= 15;
      },
      60_000,
      'the wallboard clock 15 s later',
    );
    expect(later).not.toContain('FLEETDECK_EXIT=');
    for (const h of hosts) expect(later).toMatch(new RegExp(`${h}\\s.*unreachable`));
    // …and still running.
    expect(() => process.kill(pid, 0)).not.toThrow();

    process.kill(pid, 'SIGTERM');
    await tmux.waitFor('FLEETDECK_EXIT=143', 20_000, 'exit 143 after SIGTERM');
  });
});
