import type { Clock } from '../../src/util/clock.js';

/** A clock that moves only when a test advances it, firing due timers in order. */
export class ManualClock implements Clock {
  private timers: Array<{ ms: number; next: number; fn: () => void; once: boolean }> = [];
  constructor(public time = 0) {}
  now = (): number => this.time;
  every = (ms: number, fn: () => void): (() => void) => this.add(ms, fn, false);
  after = (ms: number, fn: () => void): (() => void) => this.add(ms, fn, true);
  /** Timers still running. */
  get active(): number {
    return this.timers.length;
  }
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      const due = this.timers.filter((t) => t.next <= end).sort((a, b) => a.next - b.next)[0];
      if (!due) break;
      this.time = due.next;
      if (due.once) this.timers = this.timers.filter((t) => t !== due);
      else due.next += Math.max(1, due.ms);
      due.fn();
    }
    this.time = end;
  }
  private add(ms: number, fn: () => void, once: boolean): () => void {
    const timer = { ms, next: this.time + Math.max(0, ms), fn, once };
    this.timers.push(timer);
    return () => {
      this.timers = this.timers.filter((t) => t !== timer);
    };
  }
}
