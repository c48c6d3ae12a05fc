import type { SshChannel, SshClientLike } from './client-like.js';
import { SshError } from './errors.js';
import { shellQuote } from './shell-quote.js';
import { readSocketProbe, socketProbeCommand } from './socket-probe.js';

export interface CommandResult {
  code: number | null;
  stdout: string;
  stderr: string;
  /** The signal that ended the command (`SIGKILL`…), when it did not exit by itself. */
  signal?: string;
}

const PROBE_TIMEOUT_MS = 10_000;
const EXIT_STATUS_GRACE_MS = 1_000;

/**
 * One established SSH connection. Every Docker request to the host is a channel on it: a
 * direct-streamlocal channel to the socket, or `docker system dial-stdio` where the server
 * refuses stream-local forwarding (remembered for the connection's life).
 */
export class SshConnection {
  private closedFlag = false;
  private closeFired = false;
  private lastError: Error | undefined;
  private readonly closeListeners: Array<(err: SshError) => void> = [];
  private dialStdio = false;

  constructor(
    private readonly client: SshClientLike,
    /** `user@host:port`, for messages. */
    readonly label: string,
    private readonly jump?: SshClientLike,
  ) {
    // An 'error' without a listener would crash the process; it is reported through onClose.
    client.on('error', (err: Error) => (this.lastError = err));
    client.once('close', () => this.markClosed());
    jump?.once('close', () => this.markClosed());
  }

  get closed(): boolean {
    return this.closedFlag;
  }

  /** True once stream-local forwarding was refused and dial-stdio is used instead. */
  get usesDialStdio(): boolean {
    return this.dialStdio;
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

  /** A byte stream to the Docker socket at `socketPath` on the host. */
  async openDockerSocket(socketPath: string): Promise<SshChannel> {
    if (this.dialStdio) return this.openDialStdio(socketPath);
    try {
      return await this.channel((cb) => this.client.openssh_forwardOutStreamLocal(socketPath, cb));
    } catch (err) {
      if (this.closedFlag) throw this.lossError();
      const probe = readSocketProbe(
        (await this.run(socketProbeCommand(socketPath), PROBE_TIMEOUT_MS)).stdout,
      );
      const where = `${socketPath} on ${this.label}`;
      if (probe === 'missing')
        throw new SshError(
          'socket-missing',
          `Docker socket ${where} does not exist — is Docker running, and is the socket path right?`,
          { cause: err },
        );
      if (probe === 'not-socket')
        throw new SshError(
          'socket-missing',
          `${where} is not a socket — set the Docker socket path of this host`,
          { cause: err },
        );
      if (probe === 'denied') {
        const user = this.label.split('@')[0] ?? 'the ssh user';
        throw new SshError(
          'socket-permission-denied',
          `${user} may not use Docker socket ${where} — add ${user} to the docker group (usermod -aG docker ${user}) or use another user`,
          { cause: err },
        );
      }
      if (probe === 'unknown')
        throw new SshError(
          'channel-failed',
          `cannot open Docker socket ${where}: ${(err as Error).message}`,
          { cause: err },
        );
      // The socket is fine, so the server refuses stream-local forwarding: use the CLI instead.
      this.dialStdio = true;
      return this.openDialStdio(socketPath);
    }
  }

  /** Starts `command` on the host; the channel carries its stdin/stdout, `.stderr` its stderr. */
  exec(command: string, opts: { pty?: boolean } = {}): Promise<SshChannel> {
    return this.channel((cb) => this.client.exec(command, { pty: opts.pty ?? false }, cb));
  }

  /** Runs `command` to completion and collects its output; on timeout the channel is closed. */
  async run(command: string, timeoutMs: number): Promise<CommandResult> {
    const channel = await this.exec(command);
    return new Promise((resolve, reject) => {
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      let code: number | null = null;
      let signal: string | undefined;
      let exited = false;
      let settled = false;
      let grace: NodeJS.Timeout | undefined;
      const finish = (): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        clearTimeout(grace);
        resolve({
          code,
          stdout: Buffer.concat(out).toString('utf8'),
          stderr: Buffer.concat(err).toString('utf8'),
          ...(signal ? { signal } : {}),
        });
      };
      const timer = setTimeout(() => {
        settled = true;
        clearTimeout(grace);
        channel.destroy();
        reject(
          new SshError(
            'timeout',
            `command on ${this.label} did not finish within ${timeoutMs} ms: ${command}`,
          ),
        );
      }, timeoutMs);
      channel.on('data', (b: Buffer) => out.push(b));
      channel.stderr.on('data', (b: Buffer) => err.push(b));
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

  private async openDialStdio(socketPath: string): Promise<SshChannel> {
    const channel = await this.exec(`docker -H ${shellQuote(`unix://${socketPath}`)} system dial-stdio`);
    const stderr: Buffer[] = [];
    channel.stderr.on('data', (b: Buffer) => stderr.push(b));
    channel.on('exit', (code: number | null) => {
      if (code !== 0 && code !== null) {
        const text = Buffer.concat(stderr).toString('utf8').trim();
        // ssh2's Channel.destroy() takes no error, so report it first.
        channel.emit(
          'error',
          new SshError(
            'channel-failed',
            `docker system dial-stdio on ${this.label} failed (exit ${code}): ${text}`,
          ),
        );
        channel.destroy();
      }
    });
    return channel;
  }

  private channel(
    open: (cb: (err: Error | undefined, ch: SshChannel) => void) => unknown,
  ): Promise<SshChannel> {
    if (this.closedFlag) return Promise.reject(this.lossError());
    return new Promise((resolve, reject) => {
      try {
        open((err, ch) => (err ? reject(err) : resolve(ch)));
      } catch (err) {
        // ssh2 throws synchronously when the socket is already gone.
        reject(this.closedFlag ? this.lossError() : err);
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
