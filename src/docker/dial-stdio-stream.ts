import { Duplex, type Readable } from 'node:stream';
import type { SshChannel } from '../ssh/client-like.js';

/** Words the failure of the relay: its exit status and what it wrote to stderr. */
export type DescribeExit = (code: number, stderr: string) => Error;

const STDERR_KEEP_BYTES = 4096;

/**
 * The byte stream of one `docker system dial-stdio` exec, as the HTTP client sees it. sshd often
 * sends the relay's EOF before its exit status (stdout closes before the process is reaped), so
 * handed the raw channel, HTTP reports "socket hang up" before anyone learns that the relay failed
 * ("Cannot connect to the Docker daemon"). Here the end of the stream waits for the exit status:
 * a non-zero exit ends the stream with an error that says what failed.
 */
export class DialStdioStream extends Duplex implements SshChannel {
  readonly stderr: Readable;
  private readonly errText: Buffer[] = [];
  private errBytes = 0;
  private exitCode: number | null | undefined;
  private ended = false;
  private settled = false;

  constructor(
    private readonly channel: SshChannel,
    private readonly describeExit: DescribeExit,
  ) {
    super();
    this.stderr = channel.stderr;
    channel.stderr.on('data', (b: Buffer) => {
      if (this.errBytes >= STDERR_KEEP_BYTES) return;
      this.errText.push(b);
      this.errBytes += b.length;
    });
    channel.on('data', (chunk: Buffer) => {
      if (!this.push(chunk)) channel.pause();
    });
    channel.on('end', () => {
      this.ended = true;
      if (this.exitCode !== undefined) this.settle();
    });
    channel.on('exit', (code: number | null) => {
      this.exitCode = code;
      // A failed relay is an error whether or not its stdout has ended yet.
      if (this.ended || (code !== 0 && code !== null)) this.settle();
    });
    // No exit status ever came (the connection went): end with what we have.
    channel.on('close', () => this.settle());
    channel.on('error', (err: Error) => this.destroy(err));
  }

  override _read(): void {
    this.channel.resume();
  }

  override _write(chunk: Buffer, encoding: BufferEncoding, done: (err?: Error | null) => void): void {
    this.channel.write(chunk, encoding, done);
  }

  override _final(done: (err?: Error | null) => void): void {
    this.channel.end();
    done();
  }

  override _destroy(err: Error | null, done: (err?: Error | null) => void): void {
    this.settled = true;
    this.channel.destroy();
    done(err);
  }

  private settle(): void {
    if (this.settled) return;
    this.settled = true;
    const code = this.exitCode;
    if (code !== undefined && code !== null && code !== 0) {
      const text = Buffer.concat(this.errText).toString('utf8').trim().slice(0, 500);
      this.destroy(this.describeExit(code, text));
      return;
    }
    this.push(null);
  }
}
