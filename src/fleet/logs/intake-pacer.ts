import type { Clock } from '../../util/clock.js';

export interface IntakePacerOptions {
  /** Bytes handled before yielding to the event loop. */
  bytesPerTurn: number;
  /** Bytes per second at most; undefined = as fast as they can be decoded. */
  bytesPerSecond?: number;
  clock: Pick<Clock, 'now'>;
}

/** What to do after a chunk: read on, yield until the next turn of the loop, or wait `ms`. */
export type PaceDecision = { kind: 'go' } | { kind: 'yield' } | { kind: 'wait'; ms: number };

/**
 * Paces reading one log stream. A flood always has more bytes waiting, and decoding them back to
 * back would starve everything else in the process (keys, frames, other hosts); pausing the stream
 * leaves the rest in the SSH channel's window, so the host waits instead of this process.
 */
export class IntakePacer {
  private turnBytes = 0;
  private windowStart: number;
  private windowBytes = 0;

  constructor(private readonly opts: IntakePacerOptions) {
    this.windowStart = opts.clock.now();
  }

  /** Records `n` bytes just handled and says whether to read on. */
  took(n: number): PaceDecision {
    this.turnBytes += n;
    const { bytesPerSecond } = this.opts;
    if (bytesPerSecond !== undefined) {
      const now = this.opts.clock.now();
      if (now - this.windowStart >= 1000) {
        this.windowStart = now;
        this.windowBytes = 0;
      }
      this.windowBytes += n;
      if (this.windowBytes >= bytesPerSecond) {
        this.turnBytes = 0;
        return { kind: 'wait', ms: Math.max(1, this.windowStart + 1000 - now) };
      }
    }
    if (this.turnBytes >= this.opts.bytesPerTurn) {
      this.turnBytes = 0;
      return { kind: 'yield' };
    }
    return { kind: 'go' };
  }
}
