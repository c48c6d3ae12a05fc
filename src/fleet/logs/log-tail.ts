import type { LogLine } from '../../domain/logs/log-line.js';
import { noticeLine } from '../../domain/logs/log-line.js';
import { LogMerger } from '../../domain/logs/merger.js';
import { RingBuffer } from '../../domain/logs/ring-buffer.js';
import { DEFAULT_BACKOFF, type BackoffOptions } from '../../util/backoff.js';
import type { LogSourceStatus, LogTailReader, LogViewSnapshot } from './reader.js';
import { saveLogLines } from './save.js';
import { SourceStream, type LogSource } from './source-stream.js';
import { systemClock, type Clock } from '../../util/clock.js';

export interface LogTailOptions {
  follow: boolean;
  /** Lines per source to start with; default 200. */
  tail?: number | 'all';
  /** Epoch seconds. */
  since?: number;
  /** Lines the view keeps; default 10,000. */
  lineCap?: number;
  /** Follow mode: how long a line waits for slower sources before it is shown; default 250 ms. */
  watermarkMs?: number;
  /** Lines are gathered and published at most once per frame; default 50 ms. */
  frameMs?: number;
  /** More lines than this in one frame means the display cannot keep up: the excess is dropped and counted. */
  maxLinesPerFrame?: number;
  maxLineBytes?: number;
  /** Per source: bytes read per second at most, and the lag after which a backlog is skipped. */
  bytesPerSecond?: number;
  maxLagMs?: number;
  backoff?: BackoffOptions;
  /** Where arrival times and `since` are read; the system clock unless a test drives one. */
  clock?: Pick<Clock, 'now'>;
}

export const DEFAULT_TAIL = 200;
export const DEFAULT_LINE_CAP = 10_000;

/**
 * A merged tail of several containers: per-source streams feed a timestamp merger; every frame the
 * released lines go into a bounded ring buffer and readers are told once. `onBatch` listeners get
 * every released line (the CLI), the buffer may drop some (the UI) — neither ever pauses a socket.
 */
export class LogTail implements LogTailReader {
  private readonly sources: SourceStream[];
  private readonly statuses = new Map<string, LogSourceStatus>();
  private readonly merger: LogMerger;
  private readonly buffer: RingBuffer<LogLine>;
  private readonly listeners = new Set<() => void>();
  private readonly batchListeners = new Set<(lines: readonly LogLine[]) => void>();
  private readonly frameMs: number;
  private readonly maxLinesPerFrame: number;
  private readonly clock: Pick<Clock, 'now'>;
  private frameTimer: NodeJS.Timeout | undefined;
  private dropped = 0;
  private version = 0;
  private closed = false;
  private snapshot: LogViewSnapshot;
  private resolveDone: () => void = () => undefined;
  /** Resolves when every source has ended or the tail is closed. */
  readonly done: Promise<void>;

  constructor(targets: readonly LogSource[], opts: LogTailOptions) {
    this.clock = opts.clock ?? systemClock;
    const lineCap = opts.lineCap ?? DEFAULT_LINE_CAP;
    this.buffer = new RingBuffer<LogLine>(lineCap);
    this.frameMs = opts.frameMs ?? 50;
    this.maxLinesPerFrame = opts.maxLinesPerFrame ?? Math.min(lineCap, 5_000);
    this.merger = new LogMerger({
      watermarkMs: opts.follow ? (opts.watermarkMs ?? 250) : Number.POSITIVE_INFINITY,
    });
    this.done = new Promise((resolve) => (this.resolveDone = resolve));
    const streamOpts = {
      follow: opts.follow,
      tail: opts.tail ?? DEFAULT_TAIL,
      since: opts.since,
      maxLineBytes: opts.maxLineBytes,
      bytesPerSecond: opts.bytesPerSecond,
      maxLagMs: opts.maxLagMs,
      backoff: opts.backoff ?? DEFAULT_BACKOFF,
      clock: this.clock,
    };
    this.sources = targets.map(
      (t) =>
        new SourceStream(t, streamOpts, {
          onLine: (line) => this.onLine(line),
          onState: (status) => this.onState(status),
        }),
    );
    for (const s of this.sources) {
      this.merger.addSource(s.id);
      this.statuses.set(s.id, { id: s.id, state: 'connecting' });
    }
    this.snapshot = this.makeSnapshot();
  }

  start(): this {
    for (const s of this.sources) s.start();
    if (this.sources.length === 0) this.finish();
    return this;
  }

  /** Closes every stream (their SSH channels); the buffer stays readable. */
  close(): void {
    if (this.closed) return;
    for (const s of this.sources) s.close();
    this.finish();
  }

  getSnapshot = (): LogViewSnapshot => this.snapshot;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Every released line in merged order, batch by batch, nothing dropped. */
  onBatch(listener: (lines: readonly LogLine[]) => void): () => void {
    this.batchListeners.add(listener);
    return () => this.batchListeners.delete(listener);
  }

  save = (path: string, opts: { timestamps: boolean }): Promise<number> =>
    saveLogLines(path, this.buffer.toArray(), opts);

  /** Publishes what can be released now (normally done by the frame timer). */
  flush(): void {
    if (this.frameTimer) clearTimeout(this.frameTimer);
    this.frameTimer = undefined;
    this.publish(this.merger.drain(this.clock.now()));
    // Held-back lines wait for the watermark: come back for them.
    if (this.merger.queued > 0 && !this.closed) this.scheduleFrame();
  }

  private onLine(line: LogLine): void {
    if (this.closed) return;
    this.merger.push(line.source, line, this.clock.now());
    this.scheduleFrame();
  }

  private onState(status: LogSourceStatus): void {
    if (this.closed) return;
    this.statuses.set(status.id, status);
    this.merger.setBlocking(status.id, status.state === 'streaming' || status.state === 'connecting');
    if (this.sources.every((s) => s.status === 'ended' || s.status === 'failed')) {
      this.finish();
      return;
    }
    this.scheduleFrame();
  }

  private scheduleFrame(): void {
    if (this.frameTimer || this.closed) return;
    this.frameTimer = setTimeout(() => this.flush(), this.frameMs);
  }

  private finish(): void {
    if (this.closed) return;
    if (this.frameTimer) clearTimeout(this.frameTimer);
    this.frameTimer = undefined;
    this.publish(this.merger.drainAll());
    this.closed = true;
    this.snapshot = this.makeSnapshot();
    this.notify();
    this.resolveDone();
  }

  private publish(lines: LogLine[]): void {
    if (lines.length > 0) for (const l of this.batchListeners) l(lines);
    const excess = lines.length - this.maxLinesPerFrame;
    if (excess > 0) {
      // Keep the newest lines: the view follows the end, and the notice says what is missing.
      this.dropped += excess;
      this.buffer.push(
        noticeLine(
          '',
          `${excess.toLocaleString('en-US')} lines dropped from view — output faster than the display`,
        ),
      );
    }
    for (let i = Math.max(0, excess); i < lines.length; i++) {
      const line = lines[i];
      if (line) this.buffer.push(line);
    }
    const statusChanged = this.snapshot.sources !== this.currentStatuses();
    if (lines.length > 0 || statusChanged) {
      this.snapshot = this.makeSnapshot();
      this.notify();
    }
  }

  private statusList: LogSourceStatus[] = [];
  private currentStatuses(): readonly LogSourceStatus[] {
    const list = [...this.statuses.values()];
    const same = list.length === this.statusList.length && list.every((s, i) => s === this.statusList[i]);
    if (!same) this.statusList = list;
    return this.statusList;
  }

  private makeSnapshot(): LogViewSnapshot {
    const buffer = this.buffer;
    const endSeq = buffer.endSeq;
    return {
      version: ++this.version,
      startSeq: buffer.startSeq,
      endSeq,
      line: (seq) => (seq < endSeq ? buffer.at(seq) : undefined),
      dropped: this.dropped,
      trimmed: buffer.evicted,
      lineCap: buffer.capacity,
      sources: this.currentStatuses(),
      done: this.closed,
    };
  }

  private notify(): void {
    for (const l of this.listeners) l();
  }
}
