import { EventEmitter } from 'node:events';
import ssh2 from 'ssh2';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffOptions } from '../util/backoff.js';
import type { Duplex } from 'node:stream';
import type { AuthSources } from './auth.js';
import type { SshClientFactory } from './client-like.js';
import { connectEndpoint, type ConnectOptions, type ConnectStep } from './connect.js';
import type { SshConnection } from './connection.js';
import { endpointKey, type SshEndpoint } from './endpoint.js';
import { SshError } from './errors.js';
import { IdentityKeys } from './identity-keys.js';
import { fileKnownHostsStore, type KnownHostsStore } from './known-hosts-store.js';
import { StartLimiter, type StartLimiterOptions, type StartOutcome } from './start-limiter.js';
import type { Dialer } from './tcp-dial.js';

export interface SshPoolOptions {
  /**
   * Connection handshakes in progress at once, fixed; more wait their turn. Unset, the bound
   * adapts to what this machine and the servers take (StartLimiter, `startLimit`).
   */
  maxConcurrentStarts?: number;
  startLimit?: StartLimiterOptions;
  /** Default handshake timeout; an endpoint's `readyTimeoutMs` wins. */
  readyTimeoutMs?: number;
  keepaliveIntervalMs?: number;
  keepaliveCountMax?: number;
  backoff?: BackoffOptions;
  clientFactory?: SshClientFactory;
  /** Agent, identity files and passphrases; default $SSH_AUTH_SOCK and no passphrase prompts. */
  authSources?: AuthSources;
  knownHostsStore?: KnownHostsStore;
  warmUpPty?: boolean;
  now?: () => number;
  /** Tests: TCP and ProxyCommand stand-ins. */
  dial?: Dialer;
  spawnProxy?: (command: string, label: string) => Duplex;
  /** Every step of every connection attempt (`fleetdeck doctor`). */
  onStep?: (step: ConnectStep) => void;
}

/** An endpoint as the pool takes it; `readyTimeoutMs` is the older name of connectTimeoutMs. */
export interface PoolEndpoint extends SshEndpoint {
  readyTimeoutMs?: number;
}

export interface ConnectionLost {
  key: string;
  endpoint: PoolEndpoint;
  error: SshError;
}

interface HostEntry {
  endpoint: PoolEndpoint;
  connection?: SshConnection;
  connecting?: Promise<SshConnection>;
  /** Resolves when the attempt in progress got its handshake slot (or ended). */
  started?: Promise<void>;
  /** Last failure and when the next attempt may start. */
  failure?: { error: SshError; retryAt: number };
  consecutiveFailures: number;
  users: number;
}

/**
 * One SSH connection per endpoint (keyed by everything that authenticates it), shared by every request and stream to it. Connects on demand,
 * reconnects on demand after a loss, and backs off after failures: during the backoff window
 * `get()` rejects at once with the last problem instead of hammering the host.
 */
export class SshPool {
  /** Successful connections made so far (proves reuse in tests). */
  connectionsMade = 0;
  connectAttempts = 0;
  private readonly entries = new Map<string, HostEntry>();
  private readonly starts: StartLimiter;
  private readonly emitter = new EventEmitter();
  private readonly now: () => number;
  private closed = false;
  private readonly authSources: AuthSources;
  private readonly knownHosts: KnownHostsStore;

  constructor(private readonly opts: SshPoolOptions = {}) {
    this.now = opts.now ?? Date.now;
    this.starts = new StartLimiter({
      now: this.now,
      ...opts.startLimit,
      ...(opts.maxConcurrentStarts !== undefined ? { fixed: opts.maxConcurrentStarts } : {}),
    });
    const auth = opts.authSources ?? { agentSocket: process.env.SSH_AUTH_SOCK };
    // One key cache and one known_hosts writer for every connection the pool makes.
    this.authSources = { ...auth, keys: auth.keys ?? new IdentityKeys({ readFile: auth.readFile }) };
    this.knownHosts = opts.knownHostsStore ?? fileKnownHostsStore();
  }

  /** The live connection to `endpoint`, connecting if needed. Concurrent callers share one attempt. */
  get(endpoint: PoolEndpoint): Promise<SshConnection> {
    if (this.closed) return Promise.reject(new SshError('disconnected', 'the ssh pool is closed'));
    const entry = this.entryFor(endpoint);
    if (entry.connection && !entry.connection.closed) return Promise.resolve(entry.connection);
    if (entry.connecting) return entry.connecting;
    if (entry.failure && this.now() < entry.failure.retryAt) return Promise.reject(entry.failure.error);
    let slotTaken!: () => void;
    entry.started = new Promise<void>((resolve) => (slotTaken = resolve));
    const server = `${endpoint.host}:${endpoint.port}`;
    const attempt = this.starts.run(server, () => this.connect(entry), overloadOf, slotTaken);
    entry.connecting = attempt;
    const done = () => {
      entry.connecting = undefined;
      entry.started = undefined;
      slotTaken();
    };
    attempt.then(done, done);
    return attempt;
  }

  /**
   * Resolves once `endpoint`'s connection attempt holds its handshake slot (starting one if there
   * is none), at once when connected or backing off; never rejects — the attempt's own result says
   * how it went. A caller's deadline that starts after this does not count the client's queue.
   */
  handshakeStarted(endpoint: PoolEndpoint): Promise<void> {
    this.get(endpoint).catch(() => undefined);
    return this.entries.get(endpointKey(endpoint))?.started ?? Promise.resolve();
  }

  /** The handshake bound now and the queue (bench, doctor). */
  get startLimit(): { limit: number; inFlight: number; queued: number } {
    return { limit: this.starts.limit, inFlight: this.starts.inFlight, queued: this.starts.queued };
  }

  /** Registers a user of `endpoint`; the connection is closed when the last user releases. */
  retain(endpoint: PoolEndpoint): () => void {
    const entry = this.entryFor(endpoint);
    entry.users++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      entry.users--;
      if (entry.users > 0) return;
      this.entries.delete(endpointKey(endpoint));
      entry.connection?.close();
    };
  }

  /** The problem that currently blocks `endpoint`, if it is in its backoff window. */
  problemOf(endpoint: PoolEndpoint): SshError | undefined {
    const failure = this.entries.get(endpointKey(endpoint))?.failure;
    return failure && this.now() < failure.retryAt ? failure.error : undefined;
  }

  /** Called when an established connection drops (not when the pool or a release closed it). */
  onConnectionLost(listener: (lost: ConnectionLost) => void): () => void {
    this.emitter.on('lost', listener);
    return () => this.emitter.off('lost', listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const entry of this.entries.values()) entry.connection?.close();
    this.entries.clear();
  }

  private entryFor(endpoint: PoolEndpoint): HostEntry {
    const key = endpointKey(endpoint);
    let entry = this.entries.get(key);
    if (!entry) {
      entry = { endpoint, consecutiveFailures: 0, users: 0 };
      this.entries.set(key, entry);
    }
    return entry;
  }

  private async connect(entry: HostEntry): Promise<SshConnection> {
    this.connectAttempts++;
    const { dial, spawnProxy, onStep } = this.opts;
    const connectOpts: ConnectOptions = {
      clientFactory: this.opts.clientFactory ?? (() => new ssh2.Client()),
      readyTimeoutMs: entry.endpoint.readyTimeoutMs ?? this.opts.readyTimeoutMs ?? 10_000,
      keepaliveIntervalMs: this.opts.keepaliveIntervalMs ?? 15_000,
      keepaliveCountMax: this.opts.keepaliveCountMax ?? 3,
      authSources: this.authSources,
      knownHostsStore: this.knownHosts,
      warmUpPty: this.opts.warmUpPty,
      warmUpDelayMs: () =>
        this.starts.inFlight + this.starts.queued > WARMUP_BURST ? WARMUP_BURST_DELAY_MS : 0,
      ...(dial ? { dial } : {}),
      ...(spawnProxy ? { spawnProxy } : {}),
      ...(onStep ? { onStep } : {}),
    };
    try {
      const connection = await connectEndpoint(entry.endpoint, connectOpts);
      if (this.closed || this.entries.get(endpointKey(entry.endpoint)) !== entry) {
        connection.close(); // released or pool closed while connecting
        throw new SshError('disconnected', `ssh connection to ${connection.label} is no longer wanted`);
      }
      this.connectionsMade++;
      entry.connection = connection;
      entry.failure = undefined;
      entry.consecutiveFailures = 0;
      connection.onClose((error) => this.lost(entry, connection, error));
      return connection;
    } catch (err) {
      const error = err instanceof SshError ? err : new SshError('unknown', String(err), { cause: err });
      const delay = backoffDelay(entry.consecutiveFailures, this.opts.backoff ?? DEFAULT_BACKOFF);
      entry.consecutiveFailures++;
      entry.failure = { error, retryAt: this.now() + delay };
      throw error;
    }
  }

  private lost(entry: HostEntry, connection: SshConnection, error: SshError): void {
    if (entry.connection !== connection) return;
    entry.connection = undefined;
    if (this.closed || this.entries.get(endpointKey(entry.endpoint)) !== entry) return;
    this.emitter.emit('lost', {
      key: endpointKey(entry.endpoint),
      endpoint: entry.endpoint,
      error,
    } satisfies ConnectionLost);
  }
}

/**
 * More handshakes than this under way (in flight or queued) when one finishes, and its pty warm-up
 * waits WARMUP_BURST_DELAY_MS: in a fleet's start-up burst each warm-up costs the server a session
 * process and this end its CPU for answers that only get faster later (at 100 hosts, warm-ups
 * beside the first lists put "all up" ~0.25 s later). A few hosts warm up at once, so a CLI
 * command's next requests do not wait ~40 ms each for the server's Nagle.
 */
const WARMUP_BURST = 16;
const WARMUP_BURST_DELAY_MS = 3_000;

/** Timeouts and connections cut before the handshake finished: what an overloaded end looks like. */
function overloadOf(err: unknown): StartOutcome {
  if (!(err instanceof SshError) || /no longer wanted|pool is closed/.test(err.message)) return 'other';
  if (err.code === 'timeout') return 'overload';
  return err.code === 'disconnected' || /before handshake|ECONNRESET|reset by peer/i.test(err.message)
    ? 'overload'
    : 'other';
}
