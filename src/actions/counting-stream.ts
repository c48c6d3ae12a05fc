import { createHash } from 'node:crypto';
import { Transform, type Readable, type TransformCallback } from 'node:stream';

/**
 * Passes bytes through, counting and hashing them. A Transform, not a 'data' listener: a listener
 * would switch the stream to flowing mode and lose what flows before the consumer attaches.
 */
export class CountingStream extends Transform {
  bytes = 0;
  /** Told the running count after each chunk (a progress meter). */
  onBytes: ((bytes: number) => void) | undefined;
  private readonly hash = createHash('sha256');

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.bytes += chunk.length;
    this.hash.update(chunk);
    this.onBytes?.(this.bytes);
    done(null, chunk);
  }

  sha256(): string {
    return this.hash.digest('hex');
  }

  static of(source: Readable): CountingStream {
    const counted = new CountingStream();
    source.on('error', (e) => counted.destroy(e));
    source.pipe(counted);
    return counted;
  }
}
