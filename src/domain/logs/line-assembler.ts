export interface AssembledLine {
  bytes: Buffer;
  /** True for the second and later pieces of a line longer than the cap (no timestamp prefix). */
  continued: boolean;
}

export const DEFAULT_MAX_LINE_BYTES = 16 * 1024;

/**
 * Turns a byte stream into lines. Works on bytes, not strings, so a multi-byte character cut by a
 * chunk boundary is decoded whole. A line longer than `maxLineBytes` is emitted in pieces (cut on a
 * UTF-8 character boundary) so one endless line cannot grow memory without bound.
 */
export class LineAssembler {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private inLongLine = false;

  constructor(private readonly maxLineBytes = DEFAULT_MAX_LINE_BYTES) {
    if (maxLineBytes < 4) throw new RangeError('maxLineBytes must be >= 4');
  }

  push(data: Buffer): AssembledLine[] {
    const out: AssembledLine[] = [];
    let start = 0;
    while (start < data.length) {
      const nl = data.indexOf(0x0a, start);
      const end = nl === -1 ? data.length : nl;
      this.append(data.subarray(start, end), out);
      if (nl === -1) break;
      out.push(this.take(this.pendingBytes));
      this.inLongLine = false;
      start = nl + 1;
    }
    return out;
  }

  /** The unfinished last line, if any (at end of stream). */
  flush(): AssembledLine[] {
    if (this.pendingBytes === 0) return [];
    const line = this.take(this.pendingBytes);
    this.inLongLine = false;
    return [line];
  }

  private append(piece: Buffer, out: AssembledLine[]): void {
    if (piece.length > 0) {
      this.pending.push(piece);
      this.pendingBytes += piece.length;
    }
    while (this.pendingBytes > this.maxLineBytes) {
      const joined = this.joined();
      const cut = utf8Boundary(joined, this.maxLineBytes);
      out.push(this.take(cut));
      this.inLongLine = true;
    }
  }

  private joined(): Buffer {
    if (this.pending.length !== 1) this.pending = [Buffer.concat(this.pending, this.pendingBytes)];
    return this.pending[0] ?? Buffer.alloc(0);
  }

  private take(n: number): AssembledLine {
    const all = this.joined();
    const bytes = Buffer.from(all.subarray(0, n));
    const rest = all.subarray(n);
    this.pending = rest.length > 0 ? [rest] : [];
    this.pendingBytes = rest.length;
    return { bytes, continued: this.inLongLine };
  }
}

/** Largest cut position <= `limit` that does not split a UTF-8 sequence (falls back to `limit`). */
function utf8Boundary(buf: Buffer, limit: number): number {
  let cut = limit;
  // Continuation bytes look like 10xxxxxx; step back at most 3 of them to the sequence start.
  while (cut > limit - 3 && cut > 0 && ((buf[cut] ?? 0) & 0xc0) === 0x80) cut--;
  return cut > 0 ? cut : limit;
}
