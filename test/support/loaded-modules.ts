import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { REPO_ROOT } from './lab-script.js';

export interface LoadedModules {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Every module file the process loaded (absolute paths). */
  files: string[];
  /** The npm packages among them (`commander`, `@grpc/grpc-js`…). */
  packages: Set<string>;
}

/** The package a node_modules path belongs to (the innermost), or undefined for our own files. */
export function packageOf(file: string): string | undefined {
  const m = /.*node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file);
  return m?.[1];
}

/**
 * Runs `node bin/fleetdeck.js ARGS` with test/support/module-recorder.mjs preloaded and returns
 * what it loaded: the rule "a command loads only what it uses", checked without a clock.
 */
export function loadedModules(
  args: readonly string[],
  opts: { env?: NodeJS.ProcessEnv; bin?: string; timeoutMs?: number } = {},
): Promise<LoadedModules> {
  const dir = mkdtempSync(join(tmpdir(), 'fleetdeck-modules-'));
  const log = join(dir, 'modules.txt');
  const recorder = resolve(REPO_ROOT, 'test/support/module-recorder.mjs');
  const bin = opts.bin ?? resolve(REPO_ROOT, 'bin/fleetdeck.js');
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', recorder, bin, ...args], {
      env: { ...process.env, ...opts.env, FLEETDECK_MODULE_LOG: log },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 60_000);
    child.on('error', fail);
    child.on('close', (code) => {
      clearTimeout(timer);
      const files = [
        ...new Set(
          readFileSync(log, 'utf8')
            .split('\n')
            .filter((l) => l.startsWith('file://') || l.startsWith('/'))
            .map((l) => (l.startsWith('file://') ? new URL(l).pathname : l)),
        ),
      ];
      rmSync(dir, { recursive: true, force: true });
      const packages = new Set(files.flatMap((f) => packageOf(f) ?? []));
      done({ code, stdout, stderr, files, packages });
    });
  });
}
