import type { Container } from '../../domain/container.js';
import type { LogLine } from '../../domain/logs/log-line.js';
import { noticeLine, sourceIdOf } from '../../domain/logs/log-line.js';
import { ResumeFilter } from '../../domain/logs/resume-filter.js';
import { SourceDecoder } from '../../domain/logs/source-decoder.js';
import { resumeSinceSeconds } from '../../domain/logs/timestamp.js';
import type { DockerHostApi, LogStream, LogStreamOptions } from '../../docker/host-api.js';
import { HostApiError } from '../../docker/host-api.js';
import { backoffDelay, type BackoffOptions } from '../../util/backoff.js';
import type { LogSourceState, LogSourceStatus } from './reader.js';

/** One container to tail, resolved to the gateway of its host. */
export interface LogSourceTarget {
  host: string;
  api: DockerHostApi;
  container: Container;
}

export interface SourceStreamOptions {
  follow: boolean;
  tail: number | 'all';
  since?: number;
  maxLineBytes?: number;
  backoff: BackoffOptions;
  now: () => number;
}

export interface SourceStreamEvents {
  onLine(line: LogLine): void;
  onState(status: LogSourceStatus): void;
}

/**
 * One container's log stream: opens it on the host's connection, decodes it, and in follow mode
 * reopens it after a loss from the last timestamp seen (dropping the replayed lines) and marks the
 * gap. Data is consumed as fast as it arrives — the socket is never paused; bounding is done above.
 */
export class SourceStream {
  readonly id: string;
  private stream: LogStream | undefined;
  private readonly filter = new ResumeFilter();
  private closed = false;
  private attempt = 0;
  private retryTimer: NodeJS.Timeout | undefined;
  private lostAtMs: number | undefined;
  private state: LogSourceState = 'connecting';

  constructor(
    private readonly target: LogSourceTarget,
    private readonly opts: SourceStreamOptions,
    private readonly events: SourceStreamEvents,
  ) {
    this.id = sourceIdOf(target.host, target.container.name);
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
    this.stream?.close();
    this.stream = undefined;
  }

  private requestOptions(): LogStreamOptions {
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
      stream = await this.target.api.logs(this.target.container.id, this.requestOptions());
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
    if (resuming) {
      this.filter.beginResume();
      const away = ((this.opts.now() - (this.lostAtMs ?? 0)) / 1000).toFixed(1);
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
    const deliver = (lines: LogLine[]): void => {
      for (const line of lines) if (this.filter.accept(line)) this.events.onLine(line);
    };
    const finish = (err?: unknown): void => {
      if (finished) return;
      finished = true;
      deliver(decoder.flush());
      if (this.stream === stream) this.stream = undefined;
      if (this.closed) return;
      void this.streamEnded(err);
    };
    stream.stream.on('data', (chunk: Buffer | string) => {
      if (!this.closed) deliver(decoder.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk));
    });
    stream.stream.on('end', () => finish());
    stream.stream.on('close', () => finish());
    stream.stream.on('error', (err: unknown) => finish(err));
  }

  /** A follow stream also ends when the container stops: tell that apart from a lost connection. */
  private async streamEnded(err?: unknown): Promise<void> {
    if (!this.opts.follow) {
      this.setState('ended');
      return;
    }
    try {
      const details = await this.target.api.inspectContainer(this.target.container.id);
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
      this.lostAtMs = this.opts.now();
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

function describe(err: unknown): string {
  if (err instanceof HostApiError) return err.problem.message;
  if (err instanceof Error) return err.message;
  return String(err);
}
