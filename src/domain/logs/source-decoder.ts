import { LogDemuxer } from './demux.js';
import { LineAssembler, DEFAULT_MAX_LINE_BYTES, type AssembledLine } from './line-assembler.js';
import type { LogLine, LogStreamKind } from './log-line.js';
import { sanitizeLogText } from '../text/sanitize.js';
import { splitTimestamp } from './timestamp.js';

/**
 * Bytes of one container's log stream (requested with timestamps=true) in, sanitised lines out.
 * TTY containers send plain bytes (all stdout); others send multiplexed frames. stdout and stderr
 * have their own assemblers because frames of the two interleave mid-line.
 */
export class SourceDecoder {
  private readonly demuxer: LogDemuxer | undefined;
  private readonly assemblers: Record<LogStreamKind, LineAssembler>;
  private lastTsNs: bigint | undefined;
  private lastTs = '';

  constructor(
    private readonly source: string,
    tty: boolean,
    maxLineBytes = DEFAULT_MAX_LINE_BYTES,
  ) {
    this.demuxer = tty ? undefined : new LogDemuxer();
    this.assemblers = { stdout: new LineAssembler(maxLineBytes), stderr: new LineAssembler(maxLineBytes) };
  }

  push(chunk: Buffer): LogLine[] {
    const out: LogLine[] = [];
    if (!this.demuxer) {
      this.emit('stdout', this.assemblers.stdout.push(chunk), out);
      return out;
    }
    for (const frame of this.demuxer.push(chunk))
      this.emit(frame.stream, this.assemblers[frame.stream].push(frame.data), out);
    return out;
  }

  /** Unterminated last lines, at end of stream. */
  flush(): LogLine[] {
    const out: LogLine[] = [];
    this.emit('stdout', this.assemblers.stdout.flush(), out);
    this.emit('stderr', this.assemblers.stderr.flush(), out);
    return out;
  }

  private emit(stream: LogStreamKind, lines: AssembledLine[], out: LogLine[]): void {
    for (const { bytes, continued } of lines) {
      // toString replaces invalid UTF-8 with U+FFFD instead of throwing.
      const raw = bytes.toString('utf8');
      const split = continued ? { ts: '', rest: raw, tsNs: undefined } : splitTimestamp(raw);
      if (split.tsNs !== undefined) {
        this.lastTsNs = split.tsNs;
        this.lastTs = split.ts;
      }
      // Lines without a prefix (pieces of long lines) sort with the line they belong to.
      out.push({
        kind: 'line',
        source: this.source,
        stream,
        tsNs: split.tsNs ?? this.lastTsNs,
        ts: split.tsNs !== undefined ? split.ts : this.lastTs,
        text: sanitizeLogText(split.rest),
      });
    }
  }
}
