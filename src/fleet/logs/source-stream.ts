import type { Container } from '../../domain/container.js';
import type { LogLine } from '../../domain/logs/log-line.js';
import { noticeLine, sourceIdOf } from '../../domain/logs/log-line.js';
import { ResumeFilter } from '../../domain/logs/resume-filter.js';
import { SourceDecoder } from '../../domain/logs/source-decoder.js';
import { resumeSinceSeconds } from '../../domain/logs/timestamp.js';
import type { DockerHostApi, LogStream, LogStreamOptions } from '../../docker/host-api.js';
import { HostApiError } from '../../docker/host-api.js';
import { backoffDelay, type BackoffOptions } from '../../util/backoff.js';
import { IntakePacer } from './intake-pacer.js';
import type { LogSourceState, LogSourceStatus } from './reader.js';
import type { Clock } from '../../util/clock.js';
import { openServiceLogs, relabelServiceLine, type ServiceLogSource } from './service-source.js';

/** One container to tail, resolved to the gateway of its host. */
export interface LogSourceTarget {
  host: string;
  api: DockerHostApi;
  container: Container;
}

/** A container on its host, or a Swarm service through its manager. */
export type LogSource = LogSourceTarget | ServiceLogSource;

export interface SourceStreamOptions {
  follow: boolean;
  tail: number | 'all';
  since?: number;
  maxLineBytes?: number;
  backoff: BackoffOptions;
  clock: Pick<Clock, 'now'>;
  /** Bytes decoded per event-loop turn before yielding; default 64 KiB (see IntakePacer). */
  bytesPerTurn?: number;
  /** Bytes read per second at most (the dashboard: a view cannot show more anyway). */
  bytesPerSecond?: number;
  /**
   * With bytesPerSecond: when the newest line read is older than this, the rest of the backlog is
   * skipped and the stream reopened from now, with a notice — the view stays live under a flood.
   */
  maxLagMs?: number;
}

export const DEFAULT_BYTES_PER_TURN = 64 * 1024;

export interface SourceStreamEvents {
  onLine(line: LogLine): void;
  onState(status: LogSourceStatus): void;
}

/**
 * One container's log stream: opens it on the host's connection, decodes it, and in follow mode
 * reopens it after a loss from the last timestamp seen (dropping the replayed lines) and marks the
 * gap. Data is consumed as fast as the process can decode it; bounding the lines kept is done above.
 */
export class SourceStream {
  readonly id: string;
  private stream: LogStream | undefined;
  private readonly filter = new ResumeFilter();
  private closed = false;
  private attempt = 0;
  private retryTimer: NodeJS.Timeout | undefined;
  private lostAtMs: number | undefined;
  private paceTimer: NodeJS.Timeout | undefined;
  /** Epoch seconds to reopen from after skipping a backlog. */
  private skipToSeconds: number | undefined;
  private state: LogSourceState = 'connecting';

  constructor(
    private readonly target: LogSource,
    private readonly opts: SourceStreamOptions,
    private readonly events: SourceStreamEvents,
  ) {
    this.id = sourceIdOf(target.host, 'service' in target ? target.service.name : target.container.name);
  }

  get status(): LogSourceState {
    return this.state;
  }

  start(): void {
    void this.open();
  }

  close(): void {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.paceTimer) clearTimeout(this.paceTimer);
    if (this.stream) release(this.stream);
    this.stream = undefined;
  }

  private requestOptions(): LogStreamOptions {
    if (this.skipToSeconds !== undefined)
      return { follow: this.opts.follow, timestamps: true, tail: 'all', since: this.skipToSeconds };
    const last = this.filter.lastSeenNs;
    if (last !== undefined)
      return { follow: this.opts.follow, timestamps: true, tail: 'all', since: resumeSinceSeconds(last) };
    return { follow: this.opts.follow, timestamps: true, tail: this.opts.tail, since: this.opts.since };
  }

  private async open(): Promise<void> {
    if (this.closed) return;
    const resuming = this.lostAtMs !== undefined;
    let stream: LogStream;
    try {
      const t = this.target;
      stream = await ('service' in t
        ? openServiceLogs(t, this.requestOptions())
        : t.api.logs(t.container.id, this.requestOptions()));
    } catch (err) {
      this.lost(err);
      return;
    }
    if (this.closed) {
      stream.close();
      return;
    }
    this.stream = stream;
    this.attempt = 0;
    this.skipToSeconds = undefined;
    if (resuming) {
      this.filter.beginResume();
      const away = ((this.opts.clock.now() - (this.lostAtMs ?? 0)) / 1000).toFixed(1);
      this.events.onLine(
        noticeLine(
          this.id,
          `reconnected after ${away} s — resumed from the last line seen, lines in between follow`,
          this.filter.lastSeenNs,
        ),
      );
      this.lostAtMs = undefined;
    }
    this.setState('streaming');
    this.consume(stream);
  }

  private consume(stream: LogStream): void {
    const decoder = new SourceDecoder(this.id, stream.tty, this.opts.maxLineBytes);
    let finished = false;
    const t = this.target;
    const relabel = 'service' in t ? (l: LogLine) => relabelServiceLine(l, t) : (l: LogLine) => l;
    const deliver = (lines: LogLine[]): void => {
      for (const line of lines) if (this.filter.accept(line)) this.events.onLine(relabel(line));
    };
    const finish = (err?: unknown): void => {
      if (finished) return;
      finished = true;
      deliver(decoder.flush());
      // A stream replaced by a skip ends on purpose: its successor is already opening.
      if (this.stream !== stream) return;
      this.stream = undefined;
      if (this.closed) return;
      void this.streamEnded(err);
    };
    const pacer = new IntakePacer({
      bytesPerTurn: this.opts.bytesPerTurn ?? DEFAULT_BYTES_PER_TURN,
      bytesPerSecond: this.opts.bytesPerSecond,
      clock: this.opts.clock,
    });
    let paused = false;
    const resume = (): void => {
      paused = false;
      if (!this.closed && !finished && this.stream === stream) stream.stream.resume();
    };
    stream.stream.on('data', (chunk: Buffer | string) => {
      if (this.closed || this.stream !== stream) return;
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      deliver(decoder.push(bytes));
      const pace = pacer.took(bytes.length);
      if (pace.kind === 'go' || paused) return;
      if (pace.kind === 'wait' && this.behindByMs() > (this.opts.maxLagMs ?? Number.POSITIVE_INFINITY)) {
        this.skipAhead(stream);
        return;
      }
      paused = true;
      stream.stream.pause();
      if (pace.kind === 'yield') setImmediate(resume);
      else this.paceTimer = setTimeout(resume, pace.ms);
    });
    stream.stream.on('end', () => finish());
    stream.stream.on('close', () => finish());
    stream.stream.on('error', (err: unknown) => finish(err));
  }

  /** How far the newest line read is behind the clock (0 without one). */
  private behindByMs(): number {
    const last = this.filter.lastSeenNs;
    return last === undefined ? 0 : this.opts.clock.now() - Number(last / 1_000_000n);
  }

  /** Drops the backlog of a stream that cannot be read as fast as it is written, and goes on from now. */
  private skipAhead(stream: LogStream): void {
    const behind = (this.behindByMs() / 1000).toFixed(1);
    this.skipToSeconds = this.opts.clock.now() / 1000;
    this.stream = undefined;
    release(stream);
    this.events.onLine(
      noticeLine(
        this.id,
        `output faster than the view can take — skipped ${behind} s of it to show the newest lines`,
        this.filter.lastSeenNs,
      ),
    );
    void this.open();
  }

  /** A follow stream also ends when the container stops: tell that apart from a lost connection. */
  private async streamEnded(err?: unknown): Promise<void> {
    if (!this.opts.follow) {
      this.setState('ended');
      return;
    }
    const t = this.target;
    // A service's stream ends when its manager goes (or the service): read it again, from there.
    if ('service' in t) return this.lost(err ?? new Error(`${t.api.name} closed the service log stream`));
    try {
      const details = await t.api.inspectContainer(t.container.id);
      if (this.closed) return;
      if (details.state !== 'running' && details.state !== 'restarting') {
        this.events.onLine(
          noticeLine(
            this.id,
            `container ${details.state} (exit code ${details.exitCode})`,
            this.filter.lastSeenNs,
          ),
        );
        this.setState('ended', `${this.id}: container ${details.state}`);
        return;
      }
    } catch (inspectErr) {
      this.lost(err ?? inspectErr);
      return;
    }
    this.lost(err ?? new Error('log stream closed by the host'));
  }

  private lost(err: unknown): void {
    if (this.closed) return;
    const reason = describe(err);
    if (!this.opts.follow) {
      this.events.onLine(noticeLine(this.id, `cannot read logs: ${reason}`));
      this.setState('failed', `${this.id}: ${reason}`);
      return;
    }
    if (this.lostAtMs === undefined) {
      this.lostAtMs = this.opts.clock.now();
      this.events.onLine(
        noticeLine(this.id, `log stream lost (${reason}) — reconnecting`, this.filter.lastSeenNs),
      );
    }
    this.setState('reconnecting', `${this.id}: ${reason} — reconnecting`);
    const delay = backoffDelay(this.attempt++, this.opts.backoff);
    this.retryTimer = setTimeout(() => void this.open(), delay);
  }

  private setState(state: LogSourceState, message?: string): void {
    this.state = state;
    this.events.onState({ id: this.id, state, message });
  }
}

/**
 * Closes a log stream, resuming it first (pacing may have paused it, or backpressure its socket):
 * the SSH channel underneath only finishes closing, and is let go, once the bytes it holds are read.
 */
function release(s: LogStream): void {
  s.stream.resume();
  setImmediate(() => s.close());
}

function describe(err: unknown): string {
  if (err instanceof HostApiError) return err.problem.message;
  if (err instanceof Error) return err.message;
  return String(err);
}
