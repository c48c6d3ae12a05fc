import type { LogLine } from '../../domain/logs/log-line.js';
import type { Container } from '../../domain/container.js';

export type LogSourceState = 'connecting' | 'streaming' | 'reconnecting' | 'ended' | 'failed';

export interface LogSourceStatus {
  /** `host/name`. */
  id: string;
  state: LogSourceState;
  /** Why it ended, failed or is reconnecting; names the host and what to do. */
  message?: string;
}

/** An immutable view of a tail at one moment; lines are read by sequence number. */
export interface LogViewSnapshot {
  /** Increments with every published change. */
  readonly version: number;
  /** Seq of the oldest line still held. */
  readonly startSeq: number;
  /** Seq after the newest line. */
  readonly endSeq: number;
  /** The line with this seq, or undefined once trimmed by the line cap. */
  line(seq: number): LogLine | undefined;
  /** Lines that never reached the buffer because they came faster than the display takes them. */
  readonly dropped: number;
  /** Lines trimmed from the start of the buffer by the line cap. */
  readonly trimmed: number;
  readonly lineCap: number;
  readonly sources: readonly LogSourceStatus[];
  /** Every source has ended (tail without follow, or all containers gone). */
  readonly done: boolean;
}

/** What the logs pane needs of a tail: compatible with React's useSyncExternalStore. */
export interface LogTailReader {
  getSnapshot(): LogViewSnapshot;
  subscribe(listener: () => void): () => void;
  /** Writes the current buffer as text; resolves to the number of lines written. */
  save(path: string, opts: { timestamps: boolean }): Promise<number>;
}

/** A tail the dashboard opened and must close (closing ends its streams, i.e. their SSH channels). */
export interface ClosableLogTail extends LogTailReader {
  close(): void;
}

/**
 * A Swarm service whose logs are read from its swarm's manager. `tasks` and `nodes` (from the
 * swarm's state) name each line's task as `SERVICE.SLOT@HOSTNAME`, as `docker service logs` does.
 */
export interface ServiceLogRef {
  swarm: string;
  id: string;
  name: string;
  tasks?: Readonly<Record<string, number | undefined>>;
  nodes?: Readonly<Record<string, string>>;
}

/** What the dashboard is given to open logs: containers (and services) in, a started follow-tail out. */
export type OpenLogTail = (
  containers: readonly Container[],
  services?: readonly ServiceLogRef[],
) => ClosableLogTail;

/** The last `lines` lines of one container, read once (the details screen). */
export type ReadRecentLogs = (container: Container, lines: number) => Promise<readonly LogLine[]>;
