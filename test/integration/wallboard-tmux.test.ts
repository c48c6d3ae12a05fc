import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { displayWidth } from '../../src/domain/text/width.js';
import { describeLab, dockerCli } from '../support/lab.js';
import { REPO_ROOT } from '../support/lab-script.js';
import { removeTempHome, TmuxSession } from '../support/tmux.js';

const BIN = resolve(REPO_ROOT, 'bin/fleetdeck.js');
/** A one-shot container that fails: exited with 3, as in the "8 containers … no alerts". */
const FAILED = 'wallboard-exit3';

/**
 * The wallboard in a real terminal at the smallest supported size and a large one: it fills the
 * screen with tiles and lists a container that exited non-zero as an alert.
 */
describeLab('the wallboard in tmux against the lab', (lab) => {
  let tmux: TmuxSession | undefined;
  let home: string;
  const hostName = lab.hosts[0]!.name;

  beforeAll(async () => {
    await dockerCli(0, ['rm', '-f', FAILED]);
    const run = await dockerCli(0, [
      'run',
      '--name',
      FAILED,
      '--network',
      'none',
      '--label',
      `role=${FAILED}`,
      'tiny:latest',
      'sh',
      '-c',
      'exit 3',
    ]);
    expect(run.code, run.stderr).toBe(3);
  });

  afterAll(async () => {
    await dockerCli(0, ['rm', '-f', FAILED]);
  });

  afterEach(async () => {
    await tmux?.kill();
    removeTempHome(home);
  });

  for (const [columns, rows] of [
    [80, 24],
    [200, 60],
  ] as const) {
    it(`at ${columns}×${rows} fills the screen with tiles and lists the exit 3 as an alert`, async () => {
      home = mkdtempSync(join(tmpdir(), 'fleetdeck-wallboard-'));
      const pane = await TmuxSession.start({ columns, rows, cwd: REPO_ROOT, env: { HOME: home } });
      tmux = pane;
      await pane.waitFor(/^\$/m, 10_000, 'the shell prompt');
      // In the foreground of the pane: its keyboard is the wallboard's (q quits).
      await pane.type(`node ${BIN} --fleet ${lab.fleetFile} --wallboard; echo FLEETDECK_EXIT=$?`);
      const alert = `${hostName}/${FAILED}: exited with 3`;
      const screen = await pane.waitFor(
        (s) => s.includes('fleetdeck wallboard') && s.includes(alert) && !s.includes('waiting for data'),
        45_000,
        `the wallboard listing ${alert}`,
      );
      const lines = screen.split('\n');
      // The alert is a line of the alerts strip (marked critical), not only somewhere in a tile.
      expect(lines.some((l) => l.startsWith(` ✗ ${alert}`))).toBe(true);
      // Tiles (one per role and per host), several side by side on a row.
      const tops = lines.filter((l) => l.startsWith('┌─'));
      expect(tops.length).toBeGreaterThan(0);
      expect(tops.every((l) => (l.match(/┌─/g) ?? []).length >= 2)).toBe(true);
      // Filled: a row of tiles ends in the last column, and the drawing reaches the last row but
      // the one left empty on purpose (a full-height frame makes the terminal scroll).
      expect(lines.some((l) => l.endsWith('┘') && displayWidth(l) === columns)).toBe(true);
      expect(lines.some((l) => l.startsWith('└') && displayWidth(l) === columns)).toBe(true);
      const used = lines.map((l) => l.trim() !== '');
      expect(used.lastIndexOf(true)).toBe(rows - 2);
      // No stretch of blank rows between the top and the bottom: the tiles take the room.
      const blank = used.slice(0, rows - 1).filter((u) => !u).length;
      expect(blank).toBe(0);
      // Headline counts in block digits (box characters) at both sizes.
      expect(screen).toContain('HOSTS UP');
      await pane.keys('q');
      await pane.waitFor('FLEETDECK_EXIT=0', 10_000, 'exit 0 after q');
    });
  }
});
