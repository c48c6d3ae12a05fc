import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { DialStdioStream } from '../../../src/docker/dial-stdio-stream.js';
import type { SshChannel } from '../../../src/ssh/client-like.js';

/** A channel whose events the test emits in the order sshd may send them. */
function channel(): SshChannel & PassThrough {
  // ssh2 emits 'close' itself, on the channel's CLOSE message, never as a stream's auto-close.
  const ch = new PassThrough({ emitClose: false }) as unknown as SshChannel & PassThrough;
  ch.stderr = new PassThrough();
  return ch;
}

const describeExit = (code: number, stderr: string): Error => new Error(`relay exited ${code}: ${stderr}`);

/** How the stream ended: its data, and 'end' or the error. */
function outcome(s: DialStdioStream): Promise<{ data: string; ended?: true; error?: string }> {
  return new Promise((resolve) => {
    let data = '';
    s.on('data', (b: Buffer) => (data += b.toString()));
    s.on('end', () => resolve({ data, ended: true }));
    s.on('error', (e: Error) => resolve({ data, error: e.message }));
  });
}

describe('DialStdioStream (the dial-stdio relay as an HTTP socket)', () => {
  it('turns an EOF that precedes a failed exit status into the relay’s error, not a hang-up', async () => {
    const ch = channel();
    const s = new DialStdioStream(ch, describeExit);
    const done = outcome(s);
    (ch.stderr as PassThrough).write('Cannot connect to the Docker daemon at unix:///run/docker.sock');
    ch.end(); // stdout closed first…
    await new Promise((r) => setImmediate(r));
    ch.emit('exit', 1); // …the exit status after
    expect(await done).toEqual({
      data: '',
      error: 'relay exited 1: Cannot connect to the Docker daemon at unix:///run/docker.sock',
    });
  });

  it('passes the answer through and ends once a clean exit status came', async () => {
    const ch = channel();
    const s = new DialStdioStream(ch, describeExit);
    const done = outcome(s);
    ch.write('HTTP/1.1 200 OK\r\n\r\nOK');
    ch.end();
    await new Promise((r) => setImmediate(r));
    ch.emit('exit', 0);
    expect(await done).toEqual({ data: 'HTTP/1.1 200 OK\r\n\r\nOK', ended: true });
  });

  it('ends when the channel closes without any exit status', async () => {
    const ch = channel();
    const s = new DialStdioStream(ch, describeExit);
    const done = outcome(s);
    ch.write('partial');
    ch.end();
    await new Promise((r) => setImmediate(r));
    ch.emit('close');
    expect(await done).toEqual({ data: 'partial', ended: true });
  });

  it('writes the request to the relay’s stdin', async () => {
    const ch = channel();
    const written: string[] = [];
    ch.write = ((chunk: Buffer, _enc: unknown, cb?: () => void) => {
      written.push(chunk.toString());
      cb?.();
      return true;
    }) as typeof ch.write;
    const s = new DialStdioStream(ch, describeExit);
    await new Promise<void>((r) => s.write('GET /_ping HTTP/1.1\r\n\r\n', () => r()));
    expect(written).toEqual(['GET /_ping HTTP/1.1\r\n\r\n']);
  });
});
