import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { describeLab } from '../support/lab.js';
import { REPO_ROOT } from '../support/lab-script.js';
import { removeTempHome, TmuxSession } from '../support/tmux.js';

/*
 * `fleetdeck exec` on the lab: over the host's SSH connection (Docker's exec API, hijacked), exit
 * statuses propagated, stdout and stderr kept apart, a role run on every replica, -it in tmux.
 */

const BIN = resolve(REPO_ROOT, 'bin/fleetdeck.js');

describeLab('fleetdeck exec against the lab', (lab) => {
  const host = lab.hosts[0]!.name;
  const dataDir = mkdtempSync(join(tmpdir(), 'fd-exec-it-'));
  const cli = (args: string[]) => runCli(['--fleet', lab.fleetFile, ...args]);

  it('one container: stdout and stderr as written, its exit status; the audit line has the command, not the output', async () => {
    const r = await cli([
      'exec',
      `${host}/web-1`,
      '--data-dir',
      dataDir,
      '--',
      'sh',
      '-c',
      'echo out-line; echo err-line >&2; exit 7',
    ]);
    expect(r.stdout).toBe('out-line\n');
    expect(r.stderr).toContain('err-line\n');
    expect(r.code).toBe(7);
    const ok = await cli(['exec', `${host}/web-1`, '--data-dir', dataDir, '--', 'true']);
    expect(ok.code).toBe(0);
    const audit = readFileSync(join(dataDir, 'audit.jsonl'), 'utf8');
    const first = JSON.parse(audit.split('\n')[0]!) as { action: string; params: { cmd: string[] } };
    expect(first.action).toBe('exec');
    expect(first.params.cmd).toEqual(['sh', '-c', 'echo out-line; echo err-line >&2; exit 7']);
    expect(audit).not.toContain('err-line\n');
  });

  it('a role: every replica, prefixed lines, one exit status per replica in --json', async () => {
    const r = await cli([
      'exec',
      'role:web',
      '--yes',
      '--json',
      '--data-dir',
      dataDir,
      '--',
      'sh',
      '-c',
      'echo hi; exit 3',
    ]);
    expect(r.code, r.stderr).toBe(3);
    const out = JSON.parse(r.stdout) as {
      plan: { containers: Array<{ host: string; name: string }> };
      outcome: { details: { results: Array<{ host: string; name: string; exitCode: number }> } };
    };
    expect(out.plan.containers.length).toBeGreaterThanOrEqual(lab.hosts.length);
    expect(out.outcome.details.results.map((x) => x.exitCode)).toEqual(out.plan.containers.map(() => 3));
    for (const c of out.plan.containers) expect(r.stderr).toContain(`${c.host}/${c.name} | hi\n`);
    const unconfirmed = await cli(['exec', 'role:web', '--data-dir', dataDir, '--', 'true']);
    expect(unconfirmed.code).toBe(2);
    expect(unconfirmed.stderr).toContain('not confirmed');
  });

  it('read-only: refused, nothing run', async () => {
    const r = await cli(['--read-only', 'exec', `${host}/web-1`, '--data-dir', dataDir, '--', 'true']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('read-only mode: exec of');
  });

  it('-it in tmux: a shell with a TTY runs a command, sees the window size, and its exit status comes back', async () => {
    const home = mkdtempSync(join(tmpdir(), 'fleetdeck-exec-tmux-'));
    const tmux = await TmuxSession.start({ columns: 100, rows: 30, cwd: REPO_ROOT, env: { HOME: home } });
    try {
      await tmux.waitFor(/^\$/m, 10_000, 'the shell prompt');
      await tmux.type(
        `node ${BIN} --fleet ${lab.fleetFile} exec ${host}/web-1 -it --data-dir ${dataDir} -- sh; echo EXEC_EXIT=$?`,
      );
      await tmux.waitFor(/#\s*$/m, 30_000, 'the container shell prompt');
      await tmux.type('echo tty-$((6*7)); stty size');
      await tmux.waitFor(/tty-42/, 10_000);
      await tmux.waitFor(/^30 100\s*$/m, 10_000, 'stty size 30 100');
      await tmux.tmux('resize-window', '-t', 's', '-x', '90', '-y', '25').catch(() => undefined);
      await tmux.type('exit 4');
      await tmux.waitFor('EXEC_EXIT=4', 15_000);
    } finally {
      await tmux.kill();
      removeTempHome(home);
    }
  });
});
