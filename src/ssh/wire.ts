/** Reads SSH wire-format fields (RFC 4251: uint32, uint64, string, mpint) from a buffer. */
export class WireReader {
  private pos = 0;

  constructor(private readonly buf: Buffer) {}

  get offset(): number {
    return this.pos;
  }

  get done(): boolean {
    return this.pos >= this.buf.length;
  }

  uint32(): number {
    this.need(4);
    const v = this.buf.readUInt32BE(this.pos);
    this.pos += 4;
    return v;
  }

  uint64(): bigint {
    this.need(8);
    const v = this.buf.readBigUInt64BE(this.pos);
    this.pos += 8;
    return v;
  }

  bytes(): Buffer {
    const len = this.uint32();
    this.need(len);
    const v = this.buf.subarray(this.pos, this.pos + len);
    this.pos += len;
    return v;
  }

  string(): string {
    return this.bytes().toString('utf8');
  }

  /** A string's bytes parsed as a list of strings (certificate principals). */
  stringList(): string[] {
    const inner = new WireReader(this.bytes());
    const out: string[] = [];
    while (!inner.done) out.push(inner.string());
    return out;
  }

  /** `name, data` pairs (certificate critical options / extensions). */
  nameList(): string[] {
    const inner = new WireReader(this.bytes());
    const out: string[] = [];
    while (!inner.done) {
      out.push(inner.string());
      inner.bytes();
    }
    return out;
  }

  private need(n: number): void {
    if (this.pos + n > this.buf.length) throw new Error('truncated SSH data');
  }
}

/** An mpint's magnitude without the sign byte OpenSSH adds before a high bit. */
export function unsignedMagnitude(mpint: Buffer): Buffer {
  let start = 0;
  while (start < mpint.length - 1 && mpint[start] === 0) start++;
  return mpint.subarray(start);
}
