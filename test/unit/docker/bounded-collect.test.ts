import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { collectDemuxedTail, collectTail } from '../../../src/docker/mutations/bounded-collect.js';

/** One frame of Docker's multiplexed stream: 1 = stdout, 2 = stderr. */
function frame(stream: 1 | 2, text: string): Buffer {
  const body = Buffer.from(text);
  const header = Buffer.alloc(8);
  header[0] = stream;
  header.writeUInt32BE(body.length, 4);
  return Buffer.concat([header, body]);
}

describe('bounded collection of a stream (an exec’s output, a load’s progress)', () => {
  it('keeps only the last bytes and counts the rest', async () => {
    const chunks = Array.from({ length: 100 }, (_, i) => Buffer.from(`line ${i}\n`));
    const { tail, droppedBytes } = await collectTail(Readable.from(chunks), 32);
    expect(tail.length).toBe(32);
    expect(tail.toString()).toMatch(/line 99\n$/);
    expect(droppedBytes + 32).toBe(Buffer.concat(chunks).length);
  });

  it('decodes frames before cutting, so a header is never split and both streams stay in order', async () => {
    // Chunk boundaries fall inside headers on purpose.
    const raw = Buffer.concat([frame(1, 'out 1\n'), frame(2, 'err 1\n'), frame(1, 'out 2\n')]);
    const pieces = [raw.subarray(0, 3), raw.subarray(3, 17), raw.subarray(17)];
    const { tail, droppedBytes } = await collectDemuxedTail(Readable.from(pieces), 12);
    expect(tail.toString()).toBe('err 1\nout 2\n');
    expect(droppedBytes).toBe(6);
  });

  it('holds a bounded amount however much a command writes', async () => {
    const big = Array.from({ length: 400 }, () => frame(1, 'x'.repeat(64 * 1024)));
    const { tail, droppedBytes } = await collectDemuxedTail(Readable.from(big));
    expect(tail.length).toBe(256 * 1024);
    expect(droppedBytes).toBe(400 * 64 * 1024 - 256 * 1024);
  });
});
