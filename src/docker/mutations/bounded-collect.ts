import { LogDemuxer } from '../../domain/logs/demux.js';

/** What a stream left once read with a byte bound: its last bytes, and how many went before them. */
export interface StreamTail {
  tail: Buffer;
  droppedBytes: number;
}

/** Bytes of a command's output or a load's progress kept in memory: the end is what people read. */
export const STREAM_TAIL_BYTES = 256 * 1024;

/** Keeps the last `limit` bytes of what is pushed; everything before is counted, not held. */
class TailBuffer {
  private chunks: Buffer[] = [];
  private held = 0;
  dropped = 0;

  constructor(private readonly limit: number) {}

  push(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.held += chunk.length;
    while (this.held > this.limit && this.chunks.length > 0) {
      const over = this.held - this.limit;
      const first = this.chunks[0]!;
      if (first.length <= over) {
        this.chunks.shift();
        this.held -= first.length;
        this.dropped += first.length;
      } else {
        this.chunks[0] = first.subarray(over);
        this.held -= over;
        this.dropped += over;
      }
    }
  }

  result(): StreamTail {
    return { tail: Buffer.concat(this.chunks), droppedBytes: this.dropped };
  }
}

function asBuffer(c: Buffer | string): Buffer {
  return Buffer.isBuffer(c) ? c : Buffer.from(c);
}

/**
 * Reads a plain stream to its end holding at most `limit` bytes (its tail): a command or a daemon
 * that writes hundreds of MB costs a bounded amount of memory (issue 9: one exec's output is capped).
 */
export async function collectTail(
  stream: NodeJS.ReadableStream,
  limit = STREAM_TAIL_BYTES,
): Promise<StreamTail> {
  const buf = new TailBuffer(limit);
  for await (const c of stream as AsyncIterable<Buffer | string>) buf.push(asBuffer(c));
  return buf.result();
}

/**
 * The same for Docker's multiplexed exec/attach stream (8-byte frame headers): frames are decoded as
 * they come, so cutting to the tail never splits a header; stdout and stderr stay interleaved.
 */
export async function collectDemuxedTail(
  stream: NodeJS.ReadableStream,
  limit = STREAM_TAIL_BYTES,
): Promise<StreamTail> {
  const buf = new TailBuffer(limit);
  const demux = new LogDemuxer();
  for await (const c of stream as AsyncIterable<Buffer | string>)
    for (const frame of demux.push(asBuffer(c))) buf.push(frame.data);
  return buf.result();
}
