import { rmSync } from 'node:fs';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const exec = promisify(execFile);

export interface TmuxOptions {
  columns?: number;
  rows?: number;
  cwd?: string;
  env?: Record<string, string>;
}

/** A tmux session on its own server socket (never the user's), with a plain shell in its pane. */
export class TmuxSession {
  private constructor(
    readonly socket: string,
    readonly target: string,
  ) {}

  static async start(opts: TmuxOptions = {}): Promise<TmuxSession> {
    const socket = `fleetdeck-test-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
    const session = new TmuxSession(socket, 's');
    const env = Object.entries(opts.env ?? {}).flatMap(([k, v]) => ['-e', `${k}=${v}`]);
    await session.tmux(
      'new-session',
      '-d',
      '-s',
      's',
      '-x',
      String(opts.columns ?? 120),
      '-y',
      String(opts.rows ?? 40),
      ...(opts.cwd ? ['-c', opts.cwd] : []),
      ...env,
      // A shell without rc files: a predictable prompt and nothing printed at start.
      'env PS1="$ " bash --norc --noprofile',
    );
    return session;
  }

  async tmux(...args: string[]): Promise<string> {
    const { stdout } = await exec('tmux', ['-L', this.socket, ...args], { timeout: 10_000 });
    return stdout;
  }

  /** Types a command line into the shell and presses Enter. */
  async type(line: string): Promise<void> {
    await this.tmux('send-keys', '-t', this.target, '-l', line);
    await this.tmux('send-keys', '-t', this.target, 'Enter');
  }

  /** Key names as tmux knows them (`Enter`, `Escape`, `Tab`, `C-c`) or single characters, in one call. */
  async keys(...keys: string[]): Promise<void> {
    await this.tmux('send-keys', '-t', this.target, ...keys);
  }

  /** What the pane shows now (the visible screen). */
  async screen(): Promise<string> {
    return this.tmux('capture-pane', '-p', '-t', this.target);
  }

  async display(format: string): Promise<string> {
    return (await this.tmux('display-message', '-p', '-t', this.target, format)).trim();
  }

  /** Polls the screen until `test` holds; on timeout the error shows the last screen. */
  async waitFor(
    test: string | RegExp | ((screen: string) => boolean),
    timeoutMs = 20_000,
    what = String(test),
  ): Promise<string> {
    const holds =
      typeof test === 'string'
        ? (s: string) => s.includes(test)
        : test instanceof RegExp
          ? (s: string) => test.test(s)
          : test;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const last = await this.screen();
      if (holds(last)) return this.settled(last, holds);
      if (Date.now() > deadline) {
        throw new Error(`tmux: timed out after ${timeoutMs} ms waiting for ${what}; screen:\n${last}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /**
   * A capture can land while the program is still drawing a frame (a CI run saw a details page cut
   * off half-way). Once the test holds, capture again until two captures 50 ms apart agree (at most
   * ~1 s) and return the settled one; a screen that stops matching, or never settles (a clock, a
   * flood of log lines), returns the last capture that matched, as before.
   */
  private async settled(first: string, holds: (screen: string) => boolean): Promise<string> {
    let last = first;
    for (let i = 0; i < 20; i++) {
      await new Promise((r) => setTimeout(r, 50));
      const next = await this.screen();
      if (!holds(next)) return last;
      if (next === last) return next;
      last = next;
    }
    return last;
  }

  /** Appends everything the program writes to the pane to `file` (raw bytes, escapes included). */
  async recordOutput(file: string): Promise<void> {
    await this.tmux('pipe-pane', '-o', '-t', this.target, `cat >> '${file}'`);
  }

  async stopRecording(): Promise<void> {
    await this.tmux('pipe-pane', '-t', this.target);
  }

  async kill(): Promise<void> {
    await this.tmux('kill-server').catch(() => undefined);
  }
}

/** Whether tmux can run here (integration tests that need it skip with a reason otherwise). */
export async function haveTmux(): Promise<boolean> {
  try {
    await exec('tmux', ['-V'], { timeout: 5_000 });
    return true;
  } catch {
    return false;
  }
}

/**
 * Removes a test's temporary HOME. The pane's shell may still be writing its history there as
 * tmux stops it, so a directory that cannot go yet is left for the OS's temp cleanup instead of
 * failing the test that used it.
 */
export function removeTempHome(dir: string): void {
  try {
    rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  } catch {
    // Best effort: see above.
  }
}
