import { spawn, type ChildProcess } from 'node:child_process';
import { Duplex } from 'node:stream';
import { SshError } from './errors.js';

export interface ProxyTokens {
  /** %h: the host name after HostName. */
  host: string;
  /** %p */
  port: number;
  /** %r: the remote user. */
  user: string;
  /** %n: the name as written. */
  alias: string;
}

/** ProxyCommand with OpenSSH's tokens expanded: %h %p %r %n and %%. An unknown token is an error. */
export function expandProxyCommand(command: string, t: ProxyTokens): string {
  return command.replace(/%(.)/g, (whole, token: string) => {
    switch (token) {
      case '%':
        return '%';
      case 'h':
        return t.host;
      case 'p':
        return String(t.port);
      case 'r':
        return t.user;
      case 'n':
        return t.alias;
      default:
        throw new Error(
          `ProxyCommand "${command}": fleetdeck does not expand ${whole} (it knows %h %p %r %n %%)`,
        );
    }
  });
}

/** How much of the command's stderr is kept for an error message. */
const STDERR_CAP = 2_000;
/** After stdin is closed, how long the command may take to exit before it is killed. */
const EXIT_GRACE_MS = 2_000;

/**
 * The SSH transport over a ProxyCommand: writes go to the child's stdin, its stdout is read.
 * Ending or destroying the stream ends the child (SIGTERM, then SIGKILL); a child that exits
 * first ends the stream with an error carrying its stderr.
 */
export class ProxyCommandStream extends Duplex {
  private readonly child: ChildProcess;
  private stderr = '';
  private exited = false;

  constructor(
    readonly command: string,
    private readonly label: string,
    spawnOptions: { env?: NodeJS.ProcessEnv } = {},
  ) {
    super({ allowHalfOpen: false });
    // OpenSSH runs `exec COMMAND` through the shell, so the shell does not linger between.
    this.child = spawn('/bin/sh', ['-c', `exec ${command}`], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: spawnOptions.env ?? process.env,
    });
    const { stdin, stdout, stderr } = this.child;
    if (!stdin || !stdout || !stderr) throw new Error('ProxyCommand started without pipes');
    stdout.on('data', (chunk: Buffer) => {
      if (!this.push(chunk)) stdout.pause();
    });
    stderr.on('data', (chunk: Buffer) => {
      if (this.stderr.length < STDERR_CAP)
        this.stderr = (this.stderr + chunk.toString('utf8')).slice(0, STDERR_CAP);
    });
    stdin.on('error', () => undefined); // EPIPE once the child is gone: reported by 'exit'
    this.child.on('error', (err) => this.destroy(this.failure(`could not start (${err.message})`)));
    this.child.on('exit', () => (this.exited = true));
    // 'close' comes once the command exited and its stdout and stderr are drained.
    this.child.on('close', (code, signal) => {
      this.exited = true;
      if (this.destroyed) return;
      const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
      if (code !== 0 || signal) this.destroy(this.failure(how));
      else this.push(null);
    });
  }

  /** What the command wrote on stderr (trimmed, capped). */
  get errorOutput(): string {
    return this.stderr.trim();
  }

  override _read(): void {
    this.child.stdout?.resume();
  }

  override _write(chunk: Buffer, _enc: BufferEncoding, cb: (err?: Error | null) => void): void {
    const stdin = this.child.stdin;
    if (!stdin || stdin.destroyed) return cb(this.failure('is not running'));
    stdin.write(chunk, (err) => cb(err ?? null));
  }

  override _final(cb: (err?: Error | null) => void): void {
    this.child.stdin?.end();
    this.killLater();
    cb();
  }

  override _destroy(err: Error | null, cb: (err?: Error | null) => void): void {
    this.child.stdin?.destroy();
    if (!this.exited) this.child.kill('SIGTERM');
    this.killLater();
    cb(err);
  }

  /** Node's net.Socket has this; ssh2 calls it when present. */
  setNoDelay(): this {
    return this;
  }

  private killLater(): void {
    if (this.exited) return;
    const timer = setTimeout(() => {
      if (!this.exited) this.child.kill('SIGKILL');
    }, EXIT_GRACE_MS);
    timer.unref();
    this.child.once('exit', () => clearTimeout(timer));
  }

  private failure(what: string): SshError {
    const detail = this.errorOutput ? `: ${this.errorOutput.split('\n').slice(-3).join(' / ')}` : '';
    return new SshError(
      'unreachable',
      `ProxyCommand for ${this.label} ${what}${detail} — command: ${this.command}`,
    );
  }
}
