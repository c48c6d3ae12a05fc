import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { performance } from 'node:perf_hooks';

/**
 * A tmux control-mode client (`tmux -C attach`): keys go in as commands on its stdin, and what the
 * program in the pane writes comes back as `%output` lines as soon as tmux reads it from the pty —
 * no process per key and no polling, so a key → frame time is the program's plus tmux's relay.
 */
export class TmuxControl {
  private buffer = '';
  private output = '';
  private waiter?: { test: (out: string) => boolean; resolve: (atMs: number) => void };

  private constructor(private readonly child: ChildProcessWithoutNullStreams) {
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => this.onData(chunk));
  }

  static attach(socket: string, session: string): TmuxControl {
    return new TmuxControl(
      spawn('tmux', ['-L', socket, '-C', 'attach-session', '-t', session], { stdio: 'pipe' }),
    );
  }

  /** Sends one key (a tmux key name or a character) and returns when it was written. */
  key(target: string, key: string): number {
    this.output = '';
    const at = performance.now();
    this.child.stdin.write(`send-keys -t ${target} ${key}\n`);
    return at;
  }

  /** Resolves with the time the pane's output (since the last key) first satisfied `test`. */
  waitOutput(test: (out: string) => boolean, timeoutMs: number): Promise<number | undefined> {
    if (test(this.output)) return Promise.resolve(performance.now());
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiter = undefined;
        resolve(undefined);
      }, timeoutMs);
      this.waiter = {
        test,
        resolve: (atMs) => {
          clearTimeout(timer);
          resolve(atMs);
        },
      };
    });
  }

  close(): void {
    this.child.stdin.end();
    this.child.kill();
  }

  private onData(chunk: string): void {
    const at = performance.now();
    this.buffer += chunk;
    let nl: number;
    while ((nl = this.buffer.indexOf('\n')) >= 0) {
      const line = this.buffer.slice(0, nl);
      this.buffer = this.buffer.slice(nl + 1);
      const m = /^%output %\d+ (.*)$/.exec(line);
      // Control mode writes bytes below 32 and the backslash as octal escapes.
      if (m)
        this.output += (m[1] ?? '').replace(/\\([0-7]{3})/g, (_, o: string) =>
          String.fromCharCode(parseInt(o, 8)),
        );
    }
    const w = this.waiter;
    if (w && w.test(this.output)) {
      this.waiter = undefined;
      w.resolve(at);
    }
  }
}
