import type { LogLine } from './log-line.js';
import { Queue } from './queue.js';

export interface MergerOptions {
  /**
   * How long a line may wait for slower sources before it is emitted anyway (follow mode).
   * `Infinity` gives exact order (tail mode: every source ends, so nothing waits forever).
   */
  watermarkMs: number;
  /** A source queue longer than this releases its oldest lines without waiting (bounds memory). */
  maxQueued?: number;
}

interface Pending {
  line: LogLine;
  arrivedMs: number;
}

interface SourceQueue {
  queue: Queue<Pending>;
  /** Newest timestamp seen from this source, even if already emitted. */
  latestNs: bigint | undefined;
  /** Only streaming sources hold others back; ended or reconnecting ones do not. */
  blocking: boolean;
}

/**
 * Merges the ordered line streams of several sources by Docker timestamp. A line is released when
 * every other blocking source has shown a timestamp at least as late (so nothing earlier can still
 * come from it), or when it has waited `watermarkMs` — exact for finished tails, never stuck when a
 * source is quiet or slow in follow mode. Pure: the clock is passed in.
 */
export class LogMerger {
  private readonly sources = new Map<string, SourceQueue>();
  private readonly maxQueued: number;

  constructor(private readonly opts: MergerOptions) {
    this.maxQueued = opts.maxQueued ?? 50_000;
  }

  addSource(id: string): void {
    if (!this.sources.has(id))
      this.sources.set(id, { queue: new Queue(), latestNs: undefined, blocking: true });
  }

  /** Whether the source can still produce lines older than what others have shown. */
  setBlocking(id: string, blocking: boolean): void {
    const s = this.sources.get(id);
    if (s) s.blocking = blocking;
  }

  push(id: string, line: LogLine, nowMs: number): void {
    this.addSource(id);
    const s = this.sources.get(id);
    if (!s) return;
    if (line.tsNs !== undefined && (s.latestNs === undefined || line.tsNs > s.latestNs))
      s.latestNs = line.tsNs;
    s.queue.push({ line, arrivedMs: nowMs });
  }

  get queued(): number {
    let n = 0;
    for (const s of this.sources.values()) n += s.queue.length;
    return n;
  }

  /** Releases every line that may be emitted at `nowMs`, in order. */
  drain(nowMs: number): LogLine[] {
    const out: LogLine[] = [];
    for (;;) {
      const head = this.oldestHead();
      if (!head) return out;
      if (!this.mayRelease(head, nowMs)) return out;
      const p = head.queue.shift();
      if (p) out.push(p.line);
    }
  }

  /** Everything still queued, in order (at close, or when all sources ended). */
  drainAll(): LogLine[] {
    return this.drain(Number.POSITIVE_INFINITY);
  }

  private oldestHead(): SourceQueue | undefined {
    let best: SourceQueue | undefined;
    let bestNs: bigint | undefined;
    for (const s of this.sources.values()) {
      const p = s.queue.peek();
      if (!p) continue;
      const ns = p.line.tsNs;
      // Lines without a timestamp go first: they cannot be placed and should not wait.
      if (ns === undefined) return s;
      if (bestNs === undefined || ns < bestNs) {
        best = s;
        bestNs = ns;
      }
    }
    return best;
  }

  private mayRelease(from: SourceQueue, nowMs: number): boolean {
    const p = from.queue.peek();
    if (!p) return false;
    const ns = p.line.tsNs;
    if (ns === undefined) return true;
    if (from.queue.length > this.maxQueued) return true;
    if (nowMs - p.arrivedMs >= this.opts.watermarkMs) return true;
    for (const s of this.sources.values()) {
      if (s === from || !s.blocking) continue;
      // A source with queued lines has them ordered, and its head is >= ours (we are the oldest).
      if (s.queue.length > 0) continue;
      if (s.latestNs === undefined || s.latestNs < ns) return false;
    }
    return true;
  }
}
