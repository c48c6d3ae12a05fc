import type { Readable } from 'node:stream';
import type { Container } from '../domain/container.js';
import type { ContainerDetails } from '../domain/details.js';
import type { FleetEvent } from '../domain/event.js';
import type { EngineKind } from '../domain/engine.js';
import type { DockerInfo, SystemDf } from '../domain/info.js';
import type { StatsSample } from '../domain/stats.js';
import type { HostProblem } from '../domain/host.js';

export interface PingResult {
  /** API version the host speaks (Api-Version header of /_ping); requests use min(this, ours). */
  apiVersion: string;
  latencyMs: number;
}

export interface EventStreamOptions {
  since?: number;
  /** Docker's `filters` of GET /events, e.g. `{type: ['container'], event: ['start', 'die']}`. */
  filters?: Readonly<Record<string, readonly string[]>>;
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
  /** The Docker socket on that host (the pause guard's unpause talks to it there). */
  readonly socketPath?: string;
  ping(): Promise<PingResult>;
  info(): Promise<DockerInfo>;
  version(): Promise<{
    /** From the answer's components (Podman names itself there); absent: Docker. */
    engine?: EngineKind;
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
  /**
   * Streams events from `since` (epoch seconds) on, only those `filters` let through at the daemon
   * (Docker's filter map: `{type: [...], event: [...]}`); `onEnd` fires once when the stream ends
   * or fails.
   */
  events(
    opts: EventStreamOptions,
    onEvent: (e: FleetEvent) => void,
    onEnd: (err?: HostApiError) => void,
  ): Promise<EventSubscription>;
  logs(id: string, opts: LogStreamOptions): Promise<LogStream>;
  /**
   * A Swarm service's logs from a manager (`GET /services/ID/logs`, with `details`: each line
   * starts with the task's `com.docker.swarm.*` attributes). Absent where there is no Swarm API.
   */
  serviceLogs?(id: string, opts: LogStreamOptions): Promise<LogStream>;
  /** Runs a command on the host itself (over the SSH connection; locally for local hosts). */
  runHostCommand(command: string, opts?: { timeoutMs?: number }): Promise<HostCommandResult>;
  /** Non-GET Docker API request (used by actions only). Refused when the gateway is read-only. */
  request(method: string, path: string, body?: unknown): Promise<{ statusCode: number; body: unknown }>;
  /**
   * Resolves once this host's connection holds a handshake slot or is up (the client bounds the
   * handshakes in flight); never rejects. Without it (local socket), there is no queue.
   */
  handshakeStarted?(): Promise<void>;
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
