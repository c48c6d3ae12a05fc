import { EventEmitter } from 'node:events';
import { BEGIN_SYNC, diffFrame, END_SYNC } from './frame-diff.js';
import type { ScreenSink } from './screen-sink.js';

/** The real terminal: where frames go. */
export interface TerminalOut {
  write(data: string): unknown;
  readonly columns: number;
  readonly rows: number;
  readonly isTTY?: boolean;
  on(event: 'resize', listener: () => void): unknown;
  off(event: 'resize', listener: () => void): unknown;
}

export interface FrameTimers {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/**
 * Frames answering key presses are spaced at least this much from each other (a held key repeats
 * ~30×/s); a data-driven frame just written does not hold a key's answer back.
 */
const INPUT_FRAME_MS = 15;

const realTimers: FrameTimers = {
  now: () => performance.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export interface FrameWriterOptions {
  /** Frames per second at most; 0 writes every frame at once. */
  maxFps: number;
  timers?: FrameTimers | undefined;
}

export interface FrameStats {
  frames: number;
  bytes: number;
  rowsWritten: number;
}

/**
 * Sits between Ink and the terminal. Ink (in debug mode) hands over whole frames; this writes only
 * the rows that changed, at most `maxFps` times a second (the latest frame wins), so that a clock
 * tick or one CPU figure costs one short line over SSH instead of a full repaint.
 *
 * Ink's own `incrementalRendering` (6.8) is not used: with the trailing newline of a non-fullscreen
 * frame it moves the cursor up one row too few, so every update lands one row lower (stale header
 * above, lines inserted); and a frame as tall as the screen makes Ink clear the terminal each time.
 */
export class FrameWriter implements ScreenSink {
  /** What Ink renders into: a stream-shaped stand-in that reports the real terminal's size. */
  readonly inkStdout: NodeJS.WriteStream;
  readonly stats: FrameStats = { frames: 0, bytes: 0, rowsWritten: 0 };
  private shown: readonly string[] | undefined;
  private pending: readonly string[] | undefined;
  private lastFlushAt = Number.NEGATIVE_INFINITY;
  private lastInputFlushAt = Number.NEGATIVE_INFINITY;
  private timer: unknown;
  private closed = false;
  /** A shell has the terminal: frames are kept, not written (the latest one is shown on resume). */
  private suspended = false;
  private urgent = false;
  private readonly timers: FrameTimers;
  private readonly intervalMs: number;
  private readonly proxy = new EventEmitter();

  constructor(
    private readonly out: TerminalOut,
    options: FrameWriterOptions,
  ) {
    this.timers = options.timers ?? realTimers;
    this.intervalMs = options.maxFps > 0 ? 1000 / options.maxFps : 0;
    const { out: terminal, proxy } = this;
    Object.defineProperties(proxy, {
      columns: { get: () => terminal.columns, enumerable: true },
      rows: { get: () => terminal.rows, enumerable: true },
      isTTY: { value: terminal.isTTY === true, enumerable: true },
    });
    Object.assign(proxy, {
      write: (chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
        this.submit(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
        const callback = rest.find((r): r is () => void => typeof r === 'function');
        callback?.();
        return true;
      },
    });
    this.inkStdout = proxy as unknown as NodeJS.WriteStream;
    terminal.on('resize', this.onResize);
  }

  /** A whole frame (lines joined by newlines); written now or at the next frame slot; '' is ignored. */
  submit(frame: string): void {
    const body = frame.endsWith('\n') ? frame.slice(0, -1) : frame;
    // Nothing rendered through Ink: a Screen's lines come through showScreen in the same commit
    // (and a blank frame in between would flicker).
    if (body === '') return;
    this.schedule(body.split('\n'));
  }

  /** A whole screen already split into painted, fitted lines (a Screen component's, bypassing Ink's layout). */
  showScreen(lines: readonly string[]): void {
    this.schedule(lines);
  }

  private schedule(lines: readonly string[]): void {
    if (this.closed) return;
    this.pending = lines;
    if (this.suspended) return;
    const due = this.urgent
      ? this.lastInputFlushAt + Math.min(this.intervalMs, INPUT_FRAME_MS)
      : this.lastFlushAt + this.intervalMs;
    const wait = due - this.timers.now();
    if (wait <= 0) {
      this.flush();
      return;
    }
    if (this.timer !== undefined) {
      if (!this.urgent) return;
      this.timers.clearTimeout(this.timer);
    }
    this.timer = this.timers.setTimeout(() => this.flush(), wait);
  }

  /**
   * The user pressed a key: the frame that answers it need not wait for the data-driven frame
   * slot (a clock tick just drawn would otherwise delay it by up to 1/maxFps s).
   */
  expedite(): void {
    this.urgent = true;
  }

  /** Writes the pending frame's changed rows now. */
  flush(): void {
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = undefined;
    if (this.suspended) return;
    const lines = this.pending;
    const urgent = this.urgent;
    this.pending = undefined;
    this.urgent = false;
    if (lines === undefined || this.closed) return;
    this.lastFlushAt = this.timers.now();
    if (urgent) this.lastInputFlushAt = this.lastFlushAt;
    const diff = diffFrame(this.shown, lines, { columns: this.out.columns, rows: this.out.rows });
    this.shown = lines.slice(0, Math.max(0, this.out.rows));
    if (diff.output === '') return;
    const bytes = this.out.isTTY ? BEGIN_SYNC + diff.output + END_SYNC : diff.output;
    this.stats.frames++;
    this.stats.bytes += Buffer.byteLength(bytes);
    this.stats.rowsWritten += diff.rows.length;
    this.out.write(bytes);
  }

  /** The screen content is unknown (resize, or someone else wrote): repaint every row next time. */
  invalidate(): void {
    if (this.shown) this.pending ??= this.shown;
    this.shown = undefined;
  }

  /** Someone else (a shell) takes the screen: write nothing until resume. */
  suspend(): void {
    this.flush();
    this.suspended = true;
  }

  /** The screen is ours again, its content unknown: the latest frame is painted whole, now. */
  resume(): void {
    if (!this.suspended) return;
    this.suspended = false;
    this.invalidate();
    this.flush();
  }

  /** Writes what is pending and stops; nothing is written afterwards. */
  close(): void {
    this.flush();
    this.closed = true;
    this.out.off('resize', this.onResize);
  }

  private readonly onResize = (): void => {
    this.invalidate();
    this.proxy.emit('resize');
    // Ink re-renders on the resize and submits; if the frame did not change, repaint the old one.
    if (this.pending !== undefined) this.schedule(this.pending);
  };
}
