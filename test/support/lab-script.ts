import { execFile } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const LAB_SCRIPT = resolve(REPO_ROOT, 'test/lab/lab.sh');

export interface CommandResult {
  stdout: string;
  stderr: string;
  /** Exit code; -1 when the command could not start or was killed. */
  code: number;
}

/** Runs a command to completion; never rejects, the caller judges the exit code. */
export function run(
  file: string,
  args: readonly string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string; timeoutMs?: number } = {},
): Promise<CommandResult> {
  return new Promise((resolvePromise) => {
    execFile(
      file,
      args,
      {
        env: options.env ?? process.env,
        cwd: options.cwd ?? REPO_ROOT,
        timeout: options.timeoutMs ?? 120_000,
        maxBuffer: 64 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
        const spawnProblem = error !== null && typeof error.code !== 'number' ? `${error.message}\n` : '';
        resolvePromise({ stdout, stderr: spawnProblem + stderr, code });
      },
    );
  });
}

/** `bash test/lab/lab.sh ARGS` against the lab at labDir (its port base matters for sshd-start). */
export function runLabScript(
  labDir: string,
  portBase: number,
  args: readonly string[],
  timeoutMs = 300_000,
): Promise<CommandResult> {
  const env = { ...process.env, LAB_DIR: labDir, LAB_PORT_BASE: String(portBase) };
  return run('bash', [LAB_SCRIPT, ...args], { env, timeoutMs });
}
