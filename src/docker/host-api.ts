import type { Readable } from 'node:stream';
import type { Container } from '../domain/container.js';
import type { ContainerDetails } from '../domain/details.js';
import type { FleetEvent } from '../domain/event.js';
import type { DockerInfo, SystemDf } from '../domain/info.js';
import type { StatsSample } from '../domain/stats.js';
import type { HostProblem } from '../domain/host.js';

export interface PingResult {
  /** API version the host speaks (Api-Version header of /_ping); requests use min(this, ours). */
  apiVersion: string;
  latencyMs: number;
}

export interface EventSubscription {
  close(): void;
}

export interface LogStreamOptions {
  tail?: number | 'all';
  since?: number; // epoch seconds (fractional allowed)
  follow: boolean;
  timestamps: boolean;
}

export interface LogStream {
  /** Raw bytes: multiplexed frames when `tty` is false, plain bytes when true. */
  stream: Readable;
  tty: boolean;
  close(): void;
}

export interface HostCommandResult {
  code: number | null;
  stdout: string;
  stderr: string;
  /** The signal that ended the command, when it did not exit by itself. */
  signal?: string;
}

/**
 * Everything above docker/ knows of one Docker host. Implementations: the ssh-backed and
 * local-socket gateway; tests pass fakes. Failures reject with `HostApiError`.
 */
export interface DockerHostApi {
  readonly name: string;
  ping(): Promise<PingResult>;
  info(): Promise<DockerInfo>;
  version(): Promise<{
    version: string;
    apiVersion: string;
    minApiVersion?: string;
    os?: string;
    arch?: string;
  }>;
  listContainers(opts: { all: boolean }): Promise<Container[]>;
  inspectContainer(id: string): Promise<ContainerDetails>;
  statsOnce(id: string): Promise<StatsSample>;
  systemDf(): Promise<SystemDf>;
  /** Streams events from `since` (epoch seconds) on; `onEnd` fires once when the stream ends or fails. */
  events(
    /** `filters`: Docker's event filters (`{ type: ['node', 'service'] }`), applied by the daemon. */
    opts: { since?: number; filters?: Record<string, string[]> },
    onEvent: (e: FleetEvent) => void,
    onEnd: (err?: HostApiError) => void,
  ): Promise<EventSubscription>;
  logs(id: string, opts: LogStreamOptions): Promise<LogStream>;
  /** Runs a command on the host itself (over the SSH connection; locally for local hosts). */
  runHostCommand(command: string, opts?: { timeoutMs?: number }): Promise<HostCommandResult>;
  /** Non-GET Docker API request (used by actions only). Refused when the gateway is read-only. */
  request(method: string, path: string, body?: unknown): Promise<{ statusCode: number; body: unknown }>;
  /** Closes channels and the underlying connection. */
  close(): Promise<void>;
}

export class HostApiError extends Error {
  constructor(
    readonly host: string,
    readonly problem: HostProblem,
    options?: { cause?: unknown },
  ) {
    super(problem.message, options);
    this.name = 'HostApiError';
  }
}
