import type { SshChannel, SshClientLike } from './client-like.js';
import { SshError } from './errors.js';

export interface CommandResult {
  code: number | null;
  stdout: string;
  stderr: string;
  /** The signal that ended the command (`SIGKILL`…), when it did not exit by itself. */
  signal?: string;
}

export interface RunOptions {
  /** Bytes of stdout and of stderr kept, each; more ends the command with SshOutputLimitError. */
  maxOutputBytes?: number;
}

export interface SshConnectionOptions {
  /** How long sshd may take to open (or refuse) a channel. Default 10 s. */
  channelOpenTimeoutMs?: number;
}

export const CHANNEL_OPEN_TIMEOUT_MS = 10_000;
/** A command's output is read into memory: a host printing without end must not exhaust ours. */
export const DEFAULT_MAX_OUTPUT_BYTES = 4 * 1024 * 1024;
const EXIT_STATUS_GRACE_MS = 1_000;

/** A command printed more than it may; the channel was closed. */
export class SshOutputLimitError extends SshError {
  constructor(
    readonly label: string,
    readonly command: string,
    readonly limitBytes: number,
  ) {
    super(
      'channel-failed',
      `command on ${label} printed more than ${limitBytes} bytes, so it was stopped: ${command}`,
    );
    this.name = 'SshOutputLimitError';
  }
}

/**
 * One established SSH connection: channels on demand (stream-local forwarding, exec sessions)
 * and commands run to completion. Every channel open has a deadline, every command a timeout and
 * an output cap. It knows nothing of what the channels carry.
 */
export class SshConnection {
  private closedFlag = false;
  private closeFired = false;
  private lastError: Error | undefined;
  private readonly closeListeners: Array<(err: SshError) => void> = [];
  private readonly channelOpenTimeoutMs: number;

  constructor(
    private readonly client: SshClientLike,
    /** `user@host:port`, for messages. */
    readonly label: string,
    private readonly jump?: SshClientLike,
    opts: SshConnectionOptions = {},
  ) {
    this.channelOpenTimeoutMs = opts.channelOpenTimeoutMs ?? CHANNEL_OPEN_TIMEOUT_MS;
    // An 'error' without a listener would crash the process; it is reported through onClose.
    client.on('error', (err: Error) => (this.lastError = err));
    client.once('close', () => this.markClosed());
    jump?.once('close', () => this.markClosed());
  }

  get closed(): boolean {
    return this.closedFlag;
  }

  /** The remote user, for messages that say who lacks a permission. */
  get user(): string {
    const at = this.label.indexOf('@');
    return at > 0 ? this.label.slice(0, at) : 'the ssh user';
  }

  onClose(listener: (err: SshError) => void): void {
    if (this.closedFlag) listener(this.lossError());
    else this.closeListeners.push(listener);
  }

  close(): void {
    this.closedFlag = true;
    this.client.end();
    this.jump?.end();
  }

  /** A byte stream to the unix socket `socketPath` on the host (OpenSSH direct-streamlocal). */
  openStreamLocal(socketPath: string): Promise<SshChannel> {
    return this.channel(`stream-local (${socketPath})`, (cb) =>
      this.client.openssh_forwardOutStreamLocal(socketPath, cb),
    );
  }

  /** Starts `command` on the host; the channel carries its stdin/stdout, `.stderr` its stderr. */
  exec(command: string, opts: { pty?: boolean } = {}): Promise<SshChannel> {
    return this.channel('exec', (cb) => this.client.exec(command, { pty: opts.pty ?? false }, cb));
  }

  /** Runs `command` to completion and collects its output; on timeout or too much output the channel is closed. */
  async run(command: string, timeoutMs: number, opts: RunOptions = {}): Promise<CommandResult> {
    const limit = opts.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES;
    const channel = await this.exec(command);
    return new Promise((resolve, reject) => {
      const out = new CappedBuffer(limit);
      const err = new CappedBuffer(limit);
      let code: number | null = null;
      let signal: string | undefined;
      let exited = false;
      let settled = false;
      let grace: NodeJS.Timeout | undefined;
      const stop = (error: Error): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        clearTimeout(grace);
        channel.destroy();
        reject(error);
      };
      const finish = (): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        clearTimeout(grace);
        resolve({ code, stdout: out.text(), stderr: err.text(), ...(signal ? { signal } : {}) });
      };
      const timer = setTimeout(
        () =>
          stop(
            new SshError(
              'timeout',
              `command on ${this.label} did not finish within ${timeoutMs} ms: ${command}`,
            ),
          ),
        timeoutMs,
      );
      const collect = (into: CappedBuffer) => (b: Buffer) => {
        if (!into.push(b)) stop(new SshOutputLimitError(this.label, command, limit));
      };
      channel.on('data', collect(out));
      channel.stderr.on('data', collect(err));
      channel.on('exit', (c: number | null, sig?: string) => {
        code = c;
        signal = sig ?? undefined;
        exited = true;
      });
      channel.on('error', () => undefined);
      // sshd may send EOF before exit-status, and the stream can close on EOF: give the status a
      // moment to arrive instead of reporting a finished command as cut off.
      channel.once('close', () => {
        if (exited) return finish();
        channel.once('exit', () => setImmediate(finish));
        grace = setTimeout(finish, EXIT_STATUS_GRACE_MS);
      });
    });
  }

  /**
   * Opens a channel, or fails within channelOpenTimeoutMs: a stalled sshd (or link) must not hold
   * a request forever. A channel that opens after the deadline is closed at once.
   */
  private channel(
    what: string,
    open: (cb: (err: Error | undefined, ch: SshChannel) => void) => unknown,
  ): Promise<SshChannel> {
    if (this.closedFlag) return Promise.reject(this.lossError());
    return new Promise((resolve, reject) => {
      let done = false;
      const timer = setTimeout(() => {
        done = true;
        reject(
          new SshError(
            'timeout',
            `sshd on ${this.label} did not open a ${what} channel within ${Math.round(this.channelOpenTimeoutMs / 1000)} s — the host may be overloaded or the link stalled`,
          ),
        );
      }, this.channelOpenTimeoutMs);
      const settle = (err: Error | undefined, ch: SshChannel | undefined): void => {
        if (done) {
          ch?.destroy();
          return;
        }
        done = true;
        clearTimeout(timer);
        if (err || !ch) reject(this.closedFlag ? this.lossError() : (err ?? new Error('no channel')));
        else resolve(ch);
      };
      try {
        open((err, ch) => settle(err, ch));
      } catch (err) {
        // ssh2 throws synchronously when the socket is already gone.
        settle(err as Error, undefined);
      }
    });
  }

  private lossError(): SshError {
    const why = this.lastError ? `: ${this.lastError.message}` : '';
    return new SshError(
      'disconnected',
      `ssh connection to ${this.label} was lost${why} — it reconnects on the next request`,
      { cause: this.lastError },
    );
  }

  private markClosed(): void {
    if (this.closeFired) return;
    this.closeFired = true;
    this.closedFlag = true;
    const err = this.lossError();
    for (const l of this.closeListeners.splice(0)) l(err);
  }
}

/** Chunks up to a byte limit; `push` answers false once the limit would be passed. */
class CappedBuffer {
  private readonly chunks: Buffer[] = [];
  private size = 0;
  constructor(private readonly limit: number) {}
  push(b: Buffer): boolean {
    this.size += b.length;
    if (this.size > this.limit) return false;
    this.chunks.push(b);
    return true;
  }
  text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}
