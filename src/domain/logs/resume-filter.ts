import type { LogLine } from './log-line.js';

/**
 * Remembers the newest timestamp seen from one source and how many lines carried exactly that
 * timestamp, so that after a reconnect (asking Docker `since` that time, which is inclusive) the
 * replayed lines are dropped and nothing is lost — even when several lines share one timestamp.
 */
export class ResumeFilter {
  private lastNs: bigint | undefined;
  private countAtLast = 0;
  /** While replaying: lines at `lastNs` still to skip. */
  private skipAtLast = 0;
  private replaying = false;

  get lastSeenNs(): bigint | undefined {
    return this.lastNs;
  }

  /** Call when a new stream starts after a previous one of the same source. */
  beginResume(): void {
    this.replaying = this.lastNs !== undefined;
    this.skipAtLast = this.countAtLast;
  }

  /** True when the line is new and should be shown. */
  accept(line: LogLine): boolean {
    const ts = line.tsNs;
    if (ts === undefined || this.lastNs === undefined) {
      if (ts !== undefined) this.record(ts);
      return !this.replaying || ts !== undefined;
    }
    if (this.replaying) {
      if (ts < this.lastNs) return false;
      if (ts === this.lastNs && this.skipAtLast > 0) {
        this.skipAtLast--;
        return false;
      }
      this.replaying = false;
    }
    this.record(ts);
    return true;
  }

  private record(ts: bigint): void {
    if (this.lastNs !== undefined && ts === this.lastNs) this.countAtLast++;
    else if (this.lastNs === undefined || ts > this.lastNs) {
      this.lastNs = ts;
      this.countAtLast = 1;
    }
  }
}
