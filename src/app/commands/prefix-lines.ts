import { Writable } from 'node:stream';
import { sanitizeLine } from '../../domain/text/sanitize.js';

/**
 * A stream that writes whole lines to `out`, each after `prefix` (`lab-0/web-1 | `), so the output
 * of several replicas interleaves by line, never mid-line. Lines are sanitised: several
 * containers' bytes share one terminal here, and none may drive it. `flush` writes a last partial line.
 */
export class PrefixLines extends Writable {
  private partial = '';

  constructor(
    private readonly prefix: string,
    private readonly out: NodeJS.WritableStream,
  ) {
    super();
  }

  override _write(chunk: Buffer, _enc: BufferEncoding, done: (err?: Error | null) => void): void {
    const text = this.partial + chunk.toString('utf8');
    const lines = text.split('\n');
    this.partial = lines.pop() ?? '';
    for (const line of lines) this.out.write(`${this.prefix}${sanitizeLine(line.replace(/\r$/, ''))}\n`);
    done();
  }

  flush(): void {
    if (this.partial !== '') this.out.write(`${this.prefix}${sanitizeLine(this.partial)}\n`);
    this.partial = '';
  }
}
