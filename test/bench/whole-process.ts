import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const FLEETDECK = join(ROOT, 'bin/fleetdeck.js');

export interface ProcessRun {
  /** Wall time from spawn to exit, measured here. */
  ms: number;
  /** Peak resident set of the process (GNU time's %M). */
  maxRssBytes: number;
  cpuMs: number;
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs a whole process as a user would (under /usr/bin/time for its peak RSS) and times it.
 * Never rejects on a non-zero exit: the caller reads `code`.
 */
export function timeProcess(
  command: string,
  args: readonly string[],
  opts: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<ProcessRun> {
  const dir = mkdtempSync(join(tmpdir(), 'fleetdeck-bench-time-'));
  const report = join(dir, 'time');
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn('/usr/bin/time', ['-o', report, '-f', '%M %U %S', command, ...args], {
      cwd: ROOT,
      env: opts.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 600_000);
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - t0;
      clearTimeout(timer);
      const [rssKb = 0, user = 0, sys = 0] = readFileSync(report, 'utf8')
        .trim()
        .split('\n')
        .at(-1)!
        .split(' ')
        .map(Number);
      rmSync(dir, { recursive: true, force: true });
      resolve({
        ms,
        maxRssBytes: rssKb * 1024,
        cpuMs: (user + sys) * 1000,
        code: code ?? -1,
        stdout,
        stderr,
      });
    });
  });
}

let built: Promise<void> | undefined;

/**
 * `npm run build` once per bench run, so that what is measured is this checkout as shipped
 * (bin/fleetdeck.js loads the bundle in dist/). BENCH_BUILD=0 measures dist/ as it is.
 */
export function buildOnce(): Promise<void> {
  if (process.env.BENCH_BUILD === '0') return Promise.resolve();
  built ??= timeProcess('npm', ['run', 'build', '--silent']).then((r) => {
    // tsc still emits on type errors (another change in progress): measure, but say so.
    if (r.code !== 0)
      process.stderr.write(
        `[bench] npm run build exited ${r.code}; dist/ may be stale\n${r.stdout}${r.stderr}`,
      );
  });
  return built;
}

/** `node bin/fleetdeck.js ARGS` as a whole process. */
export function timeFleetdeck(
  args: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<ProcessRun> {
  return timeProcess(process.execPath, [FLEETDECK, ...args], { env });
}
