/*
 * Start-up benchmark (issue 10): whole processes, as a user runs them, each figure the median of
 * BENCH_STARTUP_RUNS runs (default 15), contenders interleaved run by run so load drifts hit all
 * alike. Wall and CPU (user + sys) come from bash's `time` around each process (getrusage).
 *   node -e 0            — the floor: a bare Node process
 *   fleetdeck            — bin/fleetdeck.js as shipped (the esbuild bundle, handlers lazy)
 *   tree                 — the same lazy code unbundled (tsc's dist/cli/main.js): the means compared
 *   before               — BENCH_STARTUP_BEFORE=DIR: another built checkout (e.g. main) for before/after
 * `ps` runs against a fleet file with one host on a closed port: everything up to the network.
 * Also checked (no clock): which packages `--help`, `--version` and `ps` load.
 * Run: npm run bench -- startup   (builds dist/ first)
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import module from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { loadedModules } from '../support/loaded-modules.js';
import { REPO_ROOT } from '../support/lab-script.js';
import { median } from './bench-lab.js';

const RUNS = Number(process.env.BENCH_STARTUP_RUNS ?? 15);
const run = promisify(execFile);

interface Sample {
  wallMs: number;
  cpuMs: number;
}

interface Contender {
  name: string;
  argv: string[];
  env?: NodeJS.ProcessEnv;
}

/** One whole process under bash's `time`: elapsed, user and system time of the child only. */
function timeProcess(c: Contender): Promise<Sample> {
  const script = 'TIMEFORMAT="%3R %3U %3S"; { time "$@" >/dev/null 2>&1 </dev/null; } 2>&1';
  return new Promise((done, fail) => {
    const child = spawn('bash', ['-c', script, 'bash', ...c.argv], {
      env: { ...process.env, ...c.env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', fail);
    child.on('close', () => {
      const [real, user, sys] = out.trim().split('\n').pop()!.split(' ').map(Number);
      if (real === undefined || user === undefined || sys === undefined || Number.isNaN(real)) {
        fail(new Error(`could not time ${c.argv.join(' ')}: ${out}`));
      } else done({ wallMs: real * 1000, cpuMs: (user + sys) * 1000 });
    });
  });
}

async function buildAll(): Promise<void> {
  process.stderr.write('[bench] building dist/ (tsc + bundle)…\n');
  await run('npm', ['run', '--silent', 'build'], { cwd: REPO_ROOT, maxBuffer: 16 << 20 });
}

/** A launcher for an entry module, doing what bin/fleetdeck.js does around it. */
function launcher(dir: string, name: string, entry: string): string {
  const file = join(dir, `${name}.mjs`);
  writeFileSync(
    file,
    `process.env.NODE_ENV ??= 'production';\n` +
      `const { main } = await import(${JSON.stringify(new URL(`file://${entry}`).href)});\n` +
      `const status = await main(process.argv);\n` +
      `process.stdout.write('', () => process.exit(status));\n`,
  );
  return file;
}

const fmt = (ms: number) => `${ms.toFixed(0)} ms`.padStart(8);
const ratio = (x: number) => `${x.toFixed(2)}×`.padStart(7);

export async function startupBench(): Promise<void> {
  await buildAll();
  const scratch = mkdtempSync(join(tmpdir(), 'fleetdeck-startup-'));
  try {
    const fleetFile = join(scratch, 'fleet.yaml');
    // Port 1 on loopback refuses at once: `ps` pays for everything up to the network, no more.
    writeFileSync(
      fleetFile,
      `knownHostsFile: ${join(scratch, 'known_hosts')}\nhosts:\n  - name: closed\n    ssh: root@127.0.0.1:1\n`,
    );
    const env = { FLEETDECK_DATA_DIR: join(scratch, 'data'), SSH_AUTH_SOCK: '' };
    const node = process.execPath;
    const bin = resolve(REPO_ROOT, 'bin/fleetdeck.js');
    const tree = launcher(scratch, 'tree', resolve(REPO_ROOT, 'dist/cli/main.js'));
    const beforeDir = process.env.BENCH_STARTUP_BEFORE;
    const before = beforeDir ? resolve(beforeDir, 'bin/fleetdeck.js') : undefined;
    if (before && !existsSync(before)) throw new Error(`BENCH_STARTUP_BEFORE: no ${before}`);

    const commands: [string, string[]][] = [
      ['--version', ['--version']],
      ['--help', ['--help']],
      ['help ps', ['help', 'ps']],
      ['ps (closed host)', ['ps', '--fleet', fleetFile]],
    ];
    const contenders: Contender[] = [{ name: 'node -e 0', argv: [node, '-e', '0'] }];
    for (const [label, args] of commands) {
      contenders.push({ name: `fleetdeck ${label}`, argv: [node, bin, ...args], env });
      if (label !== 'ps (closed host)')
        contenders.push({ name: `tree ${label}`, argv: [node, tree, ...args], env });
      if (before) contenders.push({ name: `before ${label}`, argv: [node, before, ...args], env });
    }
    const samples = new Map<string, Sample[]>(contenders.map((c) => [c.name, []]));
    // One warm-up round (file cache, first-run effects), then the measured runs, order rotating.
    for (const c of contenders) await timeProcess(c);
    for (let i = 0; i < RUNS; i++) {
      for (let j = 0; j < contenders.length; j++) {
        const c = contenders[(i + j) % contenders.length]!;
        samples.get(c.name)!.push(await timeProcess(c));
      }
    }
    const wall = (name: string) => median(samples.get(name)!.map((s) => s.wallMs));
    const cpu = (name: string) => median(samples.get(name)!.map((s) => s.cpuMs));
    const floorWall = wall('node -e 0');
    const floorCpu = cpu('node -e 0');

    const out = process.stdout;
    out.write(`\nstart-up, whole processes (median of ${RUNS} runs, node ${process.version})\n\n`);
    out.write(`${''.padEnd(32)}    wall   ×node      cpu   ×node\n`);
    for (const c of contenders) {
      out.write(
        `${c.name.padEnd(32)}${fmt(wall(c.name))} ${ratio(wall(c.name) / floorWall)} ${fmt(cpu(c.name))} ${ratio(cpu(c.name) / floorCpu)}\n`,
      );
    }

    const compileCache =
      typeof (module as { enableCompileCache?: unknown }).enableCompileCache === 'function';
    out.write(
      compileCache
        ? `\nV8 compile cache: bin/fleetdeck.js enables it (module.enableCompileCache); the figures above include it.\n`
        : `\nV8 compile cache: module.enableCompileCache is not in Node ${process.version} (needs ≥ 22.1); bin/fleetdeck.js enables it where present — not measured here.\n`,
    );

    out.write(`\ngoals\n`);
    const goal = (text: string, ok: boolean) => out.write(`${text.padEnd(64)} ${ok ? 'met' : 'MISSED'}\n`);
    for (const label of ['--version', '--help']) {
      const r = wall(`fleetdeck ${label}`) / floorWall;
      goal(`fleetdeck ${label} wall ≤ 2× node -e 0 (${r.toFixed(2)}×)`, r <= 2);
    }
    const loads = async (args: string[]) => (await loadedModules(args, { env })).packages;
    const help = await loads(['--help']);
    const version = await loads(['--version']);
    const ps = await loads(['ps', '--fleet', fleetFile]);
    const heavy = ['dockerode', 'ssh2', 'ink', 'react', 'yaml', 'zod', 'systeminformation'];
    const shown = (s: Set<string>) => [...s].sort().join(', ') || 'none';
    goal(
      `--help and --version load none of ${heavy.join('/')}`,
      heavy.every((p) => !help.has(p) && !version.has(p)),
    );
    out.write(`  --help loads: ${shown(help)}\n  --version loads: ${shown(version)}\n`);
    goal(`ps loads no ink/react`, !ps.has('ink') && !ps.has('react'));
    out.write(`  ps loads ${ps.size} packages\n`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
