import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { describeLab, dockerCli } from '../support/lab.js';
import { REPO_ROOT } from '../support/lab-script.js';
import { removeTempHome, TmuxSession } from '../support/tmux.js';

const BIN = resolve(REPO_ROOT, 'bin/fleetdeck.js');
const BAR = /\[[█▏▎▍▌▋▊▉░]+\]/;

/**
 * Progress bars on a real terminal against the lab: a snapshot counts the bytes of its volume and
 * a ship the bytes of the image, each rewritten in place (`\r`) and left as a finished line; the
 * same commands with stdout piped print the lines only.
 */
describeLab('progress bars on the CLI, in tmux against the lab', (lab) => {
  let tmux: TmuxSession;
  let home: string;
  const host0 = lab.hosts[0]!.name;
  const target = lab.hosts.length > 1 ? 1 : 0;
  const dataDir = mkdtempSync(join(tmpdir(), 'fleetdeck-progress-'));

  const snapshots = async (i: number): Promise<string[]> =>
    (
      await dockerCli(i, ['images', '-q', '--filter', 'label=org.fleetdeck.snapshot.container=prog-vol'])
    ).stdout
      .split('\n')
      .filter(Boolean);
  const clean = async (): Promise<void> => {
    await dockerCli(0, ['rm', '-f', 'prog-vol']);
    for (const i of new Set([0, target])) {
      const ids = await snapshots(i);
      if (ids.length) await dockerCli(i, ['rmi', '-f', ...ids]);
    }
    await dockerCli(0, ['volume', 'rm', '-f', 'fdtest-prog']);
  };

  beforeAll(async () => {
    await clean();
    await dockerCli(0, [
      'run',
      '-d',
      '--name',
      'prog-vol',
      '--network',
      'none',
      '-v',
      'fdtest-prog:/data',
      'tiny:latest',
      'sh',
      '-c',
      'head -c 3000000 /dev/urandom > /data/blob; trap "exit 0" TERM; while :; do sleep 1 & wait $!; done',
    ]);
    for (let i = 0; i < 50; i++) {
      const size = await dockerCli(0, ['exec', 'prog-vol', 'sh', '-c', 'wc -c < /data/blob']);
      if (size.stdout.trim() === '3000000') break;
      await new Promise((r) => setTimeout(r, 100));
    }
  });
  afterAll(clean);

  beforeEach(async () => {
    home = mkdtempSync(join(tmpdir(), 'fleetdeck-tmux-progress-'));
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

  it('snapshot and ship on a terminal: bars of bytes, rewritten in place, finished as lines', async () => {
    const raw = join(home, 'pane.raw');
    await tmux.recordOutput(raw);
    await tmux.type(
      `node ${BIN} --fleet ${lab.fleetFile} snapshot create ${host0}/prog-vol --yes; echo SNAP_EXIT=$?`,
    );
    const snapped = await tmux.waitFor(/SNAP_EXIT=\d+/, 90_000, 'the snapshot');
    expect(snapped).toContain('SNAP_EXIT=0');
    // The finished bar stays: the bytes of the volume's tar of the size the daemon gave (3 MB and some).
    expect(snapped).toMatch(new RegExp(`snapshot prog-vol volumes ${BAR.source} 3[\\d.]* MB of 3[\\d.]* MB`));
    const image = /snapshotted to (\S+)/.exec(snapped)?.[1];
    expect(image).toMatch(/^fleetdeck-snapshot\/prog-vol:/);

    await tmux.type(
      `node ${BIN} --fleet ${lab.fleetFile} snapshot ship ${image} --from ${host0} --to ${lab.hosts[target]!.name} --yes; echo SHIP_EXIT=$?`,
    );
    const shipped = await tmux.waitFor(/SHIP_EXIT=\d+/, 90_000, 'the ship');
    expect(shipped).toContain('SHIP_EXIT=0');
    expect(shipped).toMatch(
      new RegExp(`ship ${image!.replace(/[/.]/g, '\\$&')} .*${BAR.source} [\\d.]+ MB of [\\d.]+ MB`),
    );
    await tmux.stopRecording();
    // On the wire: the bar line was rewritten in place, not printed line after line.
    // eslint-disable-next-line no-control-regex -- the terminal escapes are what is under test
    expect(readFileSync(raw, 'utf8')).toMatch(/\r\x1b\[K {2}(snapshot|ship) /);
  });

  it('stdout piped: the progress lines only — no bar, no \\r', async () => {
    const r = await runCli(['--fleet', lab.fleetFile, 'snapshot', 'create', `${host0}/prog-vol`, '--yes'], {
      env: { FLEETDECK_DATA_DIR: dataDir },
      timeoutMs: 90_000,
    });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('reading the copy of /data');
    expect(r.stderr + r.stdout).not.toMatch(/\r|█|░/);
  });
});
