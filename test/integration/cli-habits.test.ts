import { execFile } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, expect, it } from 'vitest';
import { displayWidth } from '../../src/domain/text/width.js';
import { runCli } from '../support/cli.js';
import { describeLab, dockerCli } from '../support/lab.js';
import { REPO_ROOT } from '../support/lab-script.js';
import { loadedModules } from '../support/loaded-modules.js';

const exec = promisify(execFile);

/** Packages a command that does not need them must not load (issue 10). */
const DRAWING = ['ink', 'react', 'systeminformation'];
const TRANSPORT = ['dockerode', 'docker-modem', 'ssh2', 'yaml', 'zod'];

describeLab('fleetdeck CLI habits against the lab', (lab) => {
  const fleet = ['--fleet', lab.fleetFile];
  const scratch = mkdtempSync(join(tmpdir(), 'fleetdeck-cli-habits-'));
  const env = { FLEETDECK_DATA_DIR: join(scratch, 'data') };
  const removeAfter: string[] = [];
  afterAll(async () => {
    for (const name of removeAfter) await dockerCli(0, ['rm', '-f', name]);
  });

  it('--version, --help and help ps load no drawing or transport package; ps and hosts load no Ink', async () => {
    for (const args of [['--version'], ['--help'], ['help', 'ps'], ['hots']]) {
      const loaded = await loadedModules(args, { env });
      expect(loaded.code, `${args.join(' ')}: ${loaded.stderr}`).toBe(args[0] === 'hots' ? 2 : 0);
      for (const p of [...DRAWING, ...TRANSPORT])
        expect(loaded.packages, `${args.join(' ')} loads ${p}`).not.toContain(p);
    }
    for (const args of [
      ['ps', ...fleet],
      ['hosts', '-o', 'json', ...fleet],
    ]) {
      const loaded = await loadedModules(args, { env });
      expect(loaded.code, loaded.stderr).toBe(0);
      expect(loaded.packages).toContain('ssh2'); // it did reach the fleet…
      for (const p of DRAWING) expect(loaded.packages, `${args[0]} loads ${p}`).not.toContain(p); // …without Ink
    }
  });

  it('fleetdeck hots: exit 2 naming the command meant', async () => {
    const result = await runCli(['hots']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('fleetdeck: unknown command "hots" — did you mean "hosts"?\n');
    expect(result.stdout).toBe('');
  });

  it('CJK role names align in ps; hostile label text prints clean in ps and -o wide, raw in --json', async () => {
    const cjk = '支払いサービス-api';
    const hostile = 'evil\x1b]0;retitled\x07\x1b[2J\u202eesrever\nsecond';
    for (const [name, role] of [
      ['habits-cjk-1', cjk],
      ['habits-evil-1', hostile],
    ] as const) {
      removeAfter.push(name);
      const started = await dockerCli(0, [
        'run',
        '-d',
        '--name',
        name,
        '--network',
        'none',
        '--label',
        `role=${role}`,
        'tiny:latest',
        'sleep',
        '600',
      ]);
      expect(started.code, started.stderr).toBe(0);
    }
    const ps = await runCli(['ps', ...fleet], { env });
    expect(ps.code, ps.stderr).toBe(0);
    const lines = ps.stdout.trimEnd().split('\n');
    const column = (line: string, text: string) => displayWidth(line.slice(0, line.indexOf(text)));
    const header = lines[0]!;
    const cjkRow = lines.find((l) => l.includes('habits-cjk-1'))!;
    expect(cjkRow).toContain(cjk);
    // Every row's IMAGE and STATE cells start where the header's do, the CJK row's included
    // (rows of the lab's tiny image: other tests may leave other images behind).
    const rows = lines.slice(1).filter((l) => l.includes(' tiny:'));
    expect(rows.length).toBeGreaterThan(lab.hosts.length);
    for (const line of rows) {
      expect(column(line, ' tiny:') + 1, line).toBe(column(header, 'IMAGE'));
      expect(column(line, ' running') + 1, line).toBe(column(header, 'STATE'));
    }
    expect(column(cjkRow, cjk)).toBe(column(header, 'ROLE'));

    // eslint-disable-next-line no-control-regex -- the characters under test
    const unsafe = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/;
    const wide = await runCli(['ps', '-o', 'wide', ...fleet], { env });
    for (const out of [ps.stdout, wide.stdout]) {
      expect(out).not.toMatch(unsafe);
      expect(out).toContain('evilesrever second');
      // The label's newline split no row: one line per container plus the header.
      expect(
        out
          .trimEnd()
          .split('\n')
          .filter((l) => l.includes('habits-evil-1')),
      ).toHaveLength(1);
    }
    const json = await runCli(['ps', '--json', ...fleet], { env });
    const parsed = JSON.parse(json.stdout) as { containers: { name: string; role: string }[] };
    expect(parsed.containers.find((c) => c.name === 'habits-evil-1')?.role).toBe(hostile);
    expect(json.stdout).not.toMatch(unsafe);
  });

  it('the bash completion script loads and completes host names and cached container names', async () => {
    const binDir = join(scratch, 'bin');
    mkdirSync(binDir, { recursive: true });
    const wrapper = join(binDir, 'fleetdeck');
    writeFileSync(
      wrapper,
      `#!/bin/sh\nexec ${process.execPath} ${resolve(REPO_ROOT, 'bin/fleetdeck.js')} "$@"\n`,
    );
    chmodSync(wrapper, 0o755);
    const shellEnv = {
      ...process.env,
      ...env,
      PATH: `${binDir}:${process.env.PATH}`,
      FLEETDECK_CONFIG: lab.fleetFile,
    };
    const bash = async (script: string) =>
      (await exec('bash', ['-c', `source <(fleetdeck completion bash)\n${script}`], { env: shellEnv }))
        .stdout;
    expect((await bash('complete -p fleetdeck')).trim()).toBe('complete -F _fleetdeck fleetdeck');
    const complete = (line: string) =>
      bash(`COMP_LINE='${line}'; COMP_POINT=\${#COMP_LINE}; _fleetdeck; printf '%s\\n' "\${COMPREPLY[@]}"`);

    expect((await complete('fleetdeck ps --host ')).trim().split('\n')).toEqual(lab.hosts.map((h) => h.name));
    // Container names come from the cache the last listing left in the data dir.
    expect((await runCli(['ps', ...fleet], { env })).code).toBe(0);
    const host = lab.hosts[0]!.name;
    expect((await complete(`fleetdeck logs ${host}/web-`)).trim().split('\n')).toEqual([
      `${host}/web-1`,
      `${host}/web-2`,
    ]);
    // After `role:` bash replaces only what follows the colon.
    expect((await complete('fleetdeck restart role:wor')).trim()).toBe('worker');
  });

  it('the "npm run lab" hint shows inside a checkout only, not in an installed copy', async () => {
    const nothing = {
      XDG_CONFIG_HOME: join(scratch, 'no-config'),
      FLEETDECK_CONFIG: '',
      DOCKER_HOST: `unix://${join(scratch, 'no-docker.sock')}`,
    };
    const inCheckout = await runCli(['ps'], { env: nothing });
    expect(inCheckout.code).toBe(2);
    expect(inCheckout.stderr).toContain('nothing to watch');
    expect(inCheckout.stderr).toContain(`start the local test lab: npm run lab (in ${REPO_ROOT})`);

    // What `npm install -g` unpacks: package.json, bin, dist, themes — no .git, no test/lab.
    const installed = join(scratch, 'installed', 'fleetdeck');
    for (const part of ['package.json', 'bin', 'dist/bundle', 'themes']) {
      cpSync(join(REPO_ROOT, part), join(installed, part), { recursive: true });
    }
    symlinkSync(join(REPO_ROOT, 'node_modules'), join(installed, 'node_modules'));
    const { stdout: version } = await exec(process.execPath, [
      join(installed, 'bin/fleetdeck.js'),
      '--version',
    ]);
    expect(version.trim()).toMatch(/^\d+\.\d+\.\d+/);
    const outside = await exec(process.execPath, [join(installed, 'bin/fleetdeck.js'), 'ps'], {
      env: { ...process.env, ...nothing },
    }).then(
      (r) => ({ code: 0, stderr: r.stderr }),
      (e: { code: number; stderr: string }) => e,
    );
    expect(outside.code).toBe(2);
    expect(outside.stderr).toContain('nothing to watch');
    expect(outside.stderr).not.toContain('npm run lab');
  });
});
