import type { ActionProgress } from '../../actions/index.js';
import { meterLine } from '../../domain/progress/bar.js';
import { meterComplete, type ProgressMeter } from '../../domain/progress/meter.js';
import { sanitizeLine } from '../../domain/text/sanitize.js';

/** Back to the line's start and erase it: the bar is redrawn in place. */
const REWRITE = '\r\x1b[K';
const INDENT = '  ';
const TICK_MS = 1000;

export interface ProgressOut {
  write(text: string): unknown;
  /** Terminal width; 80 when the stream does not say. */
  columns?: number | undefined;
}

export interface ProgressWriterOptions {
  /** A terminal: bars rewrite one line. Otherwise plain lines only, never a `\r`. */
  tty: boolean;
  now: () => number;
  /** Calls `fn` every `ms` until the returned stop (elapsed moves between readings); tests pass their own. */
  every?: (ms: number, fn: () => void) => () => void;
}

function realEvery(ms: number, fn: () => void): () => void {
  const timer = setInterval(fn, ms);
  timer.unref();
  return () => clearInterval(timer);
}

/**
 * The CLI's progress on stderr. Lines as they come; on a terminal, also one bar line under them,
 * rewritten in place (`\r`) with the latest reading — a line printed meanwhile goes above it, and a
 * finished meter stays as a line of its own. Not a terminal: the lines only, as before.
 */
export class ProgressWriter {
  private readonly meters = new Map<string, ProgressMeter>();
  private readonly finished = new Set<string>();
  private latest: string | undefined;
  private barShown = false;
  private stopTick: (() => void) | undefined;

  constructor(
    private readonly out: ProgressOut,
    private readonly opts: ProgressWriterOptions,
  ) {}

  line(p: ActionProgress): void {
    this.clearBar();
    this.out.write(`${INDENT}${sanitizeLine(`${p.host ? `${p.host}: ` : ''}${p.message}`)}\n`);
    this.drawBar();
  }

  meter(m: ProgressMeter): void {
    if (!this.opts.tty || this.finished.has(m.key)) return;
    if (meterComplete(m)) {
      this.finished.add(m.key);
      this.meters.delete(m.key);
      this.clearBar();
      this.out.write(`${INDENT}${this.text(m)}\n`);
      if (this.latest === m.key) this.latest = [...this.meters.keys()].at(-1);
    } else {
      this.meters.set(m.key, m);
      this.latest = m.key;
    }
    this.drawBar();
    if (this.meters.size > 0 && !this.stopTick) {
      this.stopTick = (this.opts.every ?? realEvery)(TICK_MS, () => this.drawBar());
    } else if (this.meters.size === 0) this.stopTicking();
  }

  /** The run is over: the bar line goes (the outcome is printed next). */
  close(): void {
    this.stopTicking();
    this.clearBar();
    this.meters.clear();
  }

  private text(m: ProgressMeter, suffix = ''): string {
    const width = Math.max(20, (this.out.columns ?? 80) - INDENT.length - suffix.length - 1);
    return sanitizeLine(meterLine(m, this.opts.now(), width)) + suffix;
  }

  private drawBar(): void {
    const m = this.latest === undefined ? undefined : this.meters.get(this.latest);
    if (!this.opts.tty || !m) return;
    const others = this.meters.size - 1;
    this.out.write(`${REWRITE}${INDENT}${this.text(m, others > 0 ? ` (+${others} more)` : '')}`);
    this.barShown = true;
  }

  private clearBar(): void {
    if (!this.barShown) return;
    this.out.write(REWRITE);
    this.barShown = false;
  }

  private stopTicking(): void {
    this.stopTick?.();
    this.stopTick = undefined;
  }
}
