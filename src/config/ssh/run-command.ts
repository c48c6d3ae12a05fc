import { execFile } from 'node:child_process';

export interface CommandResult {
  /** Exit code; null when killed by a signal (e.g. the timeout). */
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs a program without a shell. Rejects only when the program cannot be started
 * (error.code 'ENOENT' when it does not exist); a non-zero exit resolves with its code.
 * Injected so tests can answer `ssh -G` without an ssh binary.
 */
export type CommandRunner = (file: string, args: readonly string[]) => Promise<CommandResult>;

/** `ssh -G` only reads config (unless a `Match exec` runs something); 5 s is generous. */
const TIMEOUT_MS = 5_000;

export const execRunner: CommandRunner = (file, args) =>
  new Promise((resolve, reject) => {
    execFile(
      file,
      [...args],
      { timeout: TIMEOUT_MS, encoding: 'utf8', maxBuffer: 1 << 20 },
      (error, stdout, stderr) => {
        if (!error) return resolve({ code: 0, stdout, stderr });
        if (typeof error.code === 'string') return reject(error);
        resolve({ code: typeof error.code === 'number' ? error.code : null, stdout, stderr });
      },
    );
  });

export function isMissingProgram(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | null)?.code === 'ENOENT';
}
