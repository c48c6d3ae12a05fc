/** One object of a JSON stream grew past its cap without ending; the stream is given up. */
export class JsonObjectTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`one JSON object passed ${limit} characters without ending`);
    this.name = 'JsonObjectTooLargeError';
  }
}

/** Docker's events are a few hundred bytes to a few KB; a megabyte is far past any real one. */
export const DEFAULT_MAX_OBJECT_CHARS = 1024 * 1024;

/**
 * Splits a byte stream of concatenated JSON objects (Docker's /events) into objects, whatever
 * the chunking: objects may be split across chunks, several may share one. Text between objects
 * is dropped; an object longer than `maxObjectChars` throws JsonObjectTooLargeError, so a daemon
 * sending an endless object costs bounded memory.
 */
export class JsonObjectSplitter {
  private buffer = '';
  private depth = 0;
  private inString = false;
  private escaped = false;
  private start = -1;
  private scanned = 0;

  constructor(private readonly maxObjectChars = DEFAULT_MAX_OBJECT_CHARS) {}

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
      if (ch === '"') this.inString = this.depth > 0;
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
    if (this.depth === 0) {
      this.buffer = '';
    } else if (this.start > 0) {
      // Keep only the unfinished object, so what is held is what the cap measures.
      this.buffer = this.buffer.slice(this.start);
      this.start = 0;
    }
    this.scanned = this.buffer.length;
    if (this.buffer.length > this.maxObjectChars) {
      this.buffer = '';
      this.scanned = 0;
      throw new JsonObjectTooLargeError(this.maxObjectChars);
    }
    return out;
  }
}
