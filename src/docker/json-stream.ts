/**
 * Splits a byte stream of concatenated JSON objects (Docker's /events) into objects, whatever
 * the chunking: objects may be split across chunks, several may share one.
 */
export class JsonObjectSplitter {
  private buffer = '';
  private depth = 0;
  private inString = false;
  private escaped = false;
  private start = -1;
  private scanned = 0;

  /** Feeds a chunk; returns the complete objects it finished (malformed ones are skipped). */
  push(chunk: string): unknown[] {
    this.buffer += chunk;
    const out: unknown[] = [];
    for (let i = this.scanned; i < this.buffer.length; i++) {
      const ch = this.buffer[i];
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (ch === '\\') this.escaped = true;
        else if (ch === '"') this.inString = false;
        continue;
      }
      if (ch === '"') this.inString = true;
      else if (ch === '{') {
        if (this.depth === 0) this.start = i;
        this.depth++;
      } else if (ch === '}' && this.depth > 0) {
        this.depth--;
        if (this.depth === 0) {
          try {
            out.push(JSON.parse(this.buffer.slice(this.start, i + 1)));
          } catch {
            // skip a malformed object rather than stop the stream
          }
          this.buffer = this.buffer.slice(i + 1);
          i = -1;
          this.start = -1;
        }
      }
    }
    if (this.depth === 0) this.buffer = '';
    this.scanned = this.buffer.length;
    return out;
  }
}
