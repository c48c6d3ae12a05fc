import type { LogStreamKind } from './log-line.js';

export interface DemuxedFrame {
  stream: LogStreamKind;
  data: Buffer;
}

const HEADER_BYTES = 8;

/**
 * Splits Docker's multiplexed attach/logs stream (non-TTY containers) into frames. Each frame is an
 * 8-byte header — stream type (0 stdin, 1 stdout, 2 stderr), three zero bytes, uint32 BE payload
 * length — then the payload. Chunks from the socket cut frames anywhere, headers included, so the
 * demuxer keeps what it has not finished and hands out payload pieces as soon as they arrive
 * (a huge frame is never held whole).
 */
export class LogDemuxer {
  private header = Buffer.alloc(HEADER_BYTES);
  private headerFill = 0;
  private remaining = 0;
  private current: LogStreamKind = 'stdout';

  push(chunk: Buffer): DemuxedFrame[] {
    // Runs of the same stream are gathered as pieces and joined once: Docker sends one frame per
    // line, so joining frame by frame would copy a chunk's data once per line (quadratic).
    const runs: Array<{ stream: LogStreamKind; pieces: Buffer[] }> = [];
    let pos = 0;
    while (pos < chunk.length) {
      if (this.remaining === 0) {
        const take = Math.min(HEADER_BYTES - this.headerFill, chunk.length - pos);
        chunk.copy(this.header, this.headerFill, pos, pos + take);
        this.headerFill += take;
        pos += take;
        if (this.headerFill < HEADER_BYTES) break;
        this.headerFill = 0;
        this.current = this.header[0] === 2 ? 'stderr' : 'stdout';
        this.remaining = this.header.readUInt32BE(4);
        continue;
      }
      const take = Math.min(this.remaining, chunk.length - pos);
      const data = chunk.subarray(pos, pos + take);
      pos += take;
      this.remaining -= take;
      const last = runs[runs.length - 1];
      if (last && last.stream === this.current) last.pieces.push(data);
      else runs.push({ stream: this.current, pieces: [data] });
    }
    return runs.map((r) => ({
      stream: r.stream,
      data: r.pieces.length === 1 ? (r.pieces[0] ?? Buffer.alloc(0)) : Buffer.concat(r.pieces),
    }));
  }
}

/** Encodes one frame; used by tests and fakes to produce what dockerd sends. */
export function encodeFrame(stream: LogStreamKind | 'stdin', payload: Buffer | string): Buffer {
  const body = typeof payload === 'string' ? Buffer.from(payload) : payload;
  const header = Buffer.alloc(HEADER_BYTES);
  header[0] = stream === 'stdin' ? 0 : stream === 'stdout' ? 1 : 2;
  header.writeUInt32BE(body.length, 4);
  return Buffer.concat([header, body]);
}
