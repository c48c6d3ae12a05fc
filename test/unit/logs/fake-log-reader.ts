import type { LogLine } from '../../../src/domain/logs/log-line.js';
import { RingBuffer } from '../../../src/domain/logs/ring-buffer.js';
import type { ClosableLogTail, LogSourceStatus, LogViewSnapshot } from '../../../src/fleet/logs/reader.js';

/** A log tail the test feeds directly, frame by frame; it records being closed. */
export class FakeLogReader implements ClosableLogTail {
  private readonly buffer: RingBuffer<LogLine>;
  private readonly listeners = new Set<() => void>();
  private snap: LogViewSnapshot;
  private version = 0;
  dropped = 0;
  sources: LogSourceStatus[] = [];
  readonly saved: Array<{ path: string; timestamps: boolean }> = [];
  closed = 0;

  constructor(lineCap = 1000) {
    this.buffer = new RingBuffer(lineCap);
    this.snap = this.make();
  }

  push(...lines: LogLine[]): void {
    for (const l of lines) this.buffer.push(l);
    this.publish();
  }

  publish(): void {
    this.snap = this.make();
    for (const l of this.listeners) l();
  }

  close = (): void => {
    this.closed++;
  };

  getSnapshot = (): LogViewSnapshot => this.snap;
  subscribe = (l: () => void): (() => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };
  save = async (path: string, opts: { timestamps: boolean }): Promise<number> => {
    this.saved.push({ path, ...opts });
    return this.buffer.length;
  };

  private make(): LogViewSnapshot {
    const b = this.buffer;
    const end = b.endSeq;
    return {
      version: ++this.version,
      startSeq: b.startSeq,
      endSeq: end,
      line: (seq) => (seq < end ? b.at(seq) : undefined),
      dropped: this.dropped,
      trimmed: b.evicted,
      lineCap: b.capacity,
      sources: this.sources,
      done: false,
    };
  }
}

export function out(source: string, text: string, stream: 'stdout' | 'stderr' = 'stdout'): LogLine {
  return { kind: 'line', source, stream, tsNs: 1n, ts: '2024-05-01T10:00:00Z', text };
}
