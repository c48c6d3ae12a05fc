/*
 * How many SSH handshakes are started at once. A handshake costs CPU on both ends (key exchange,
 * signature): too few in flight and a large fleet waits in line (100 hosts at 16 at a time took
 * 1.6× as long as all at once here); too many and this machine's CPU, or a server's MaxStartups
 * (sshd drops unauthenticated connections past 10 by default), turns them into timeouts.
 *
 * So the bound adapts, AIMD as TCP does: every handshake that finishes in reasonable time adds
 * one slot; a handshake that times out or is cut before it finished (what overload looks like),
 * or one that took several times the best seen, halves the slots — at most once per cool-down,
 * since the handshakes already in flight saw the same overload. A per-server cap keeps the starts
 * to any one sshd (several hosts behind one address) under its MaxStartups. A configured
 * `connect.concurrency` fixes the bound instead.
 */

export interface StartLimiterOptions {
  /** Slots at first (default 32: measured at 8, 100 and 300 hosts, see the README's bench). */
  initial?: number;
  min?: number;
  max?: number;
  /** A fixed bound: no adaptation (`connect.concurrency` in the fleet file). */
  fixed?: number;
  /** Handshakes in flight to one server (its `host:port`) at once; sshd's MaxStartups starts at 10. */
  perServer?: number;
  now?: () => number;
}

/** How a handshake ended, as far as the limiter is concerned. */
export type StartOutcome = 'ok' | 'overload' | 'other';

export const DEFAULT_START_LIMIT = { initial: 32, min: 4, max: 128, perServer: 8 } as const;

/** Slower than this many times the best handshake seen counts as overload. */
const SLOW_FACTOR = 4;
/** Below this a handshake is never "slow", however fast the best one was. */
const SLOW_FLOOR_MS = 1_000;

interface Waiter {
  server: string;
  start: () => void;
}

export class StartLimiter {
  private slots: number;
  private active = 0;
  private readonly perServerActive = new Map<string, number>();
  private readonly waiting: Waiter[] = [];
  private bestMs = Infinity;
  private lastDecrease = -Infinity;
  private readonly min: number;
  private readonly max: number;
  private readonly perServer: number;
  private readonly adaptive: boolean;
  private readonly now: () => number;

  constructor(opts: StartLimiterOptions = {}) {
    this.adaptive = opts.fixed === undefined;
    this.min = opts.fixed ?? opts.min ?? DEFAULT_START_LIMIT.min;
    this.max = opts.fixed ?? opts.max ?? DEFAULT_START_LIMIT.max;
    this.slots =
      opts.fixed ?? Math.min(this.max, Math.max(this.min, opts.initial ?? DEFAULT_START_LIMIT.initial));
    this.perServer = opts.perServer ?? DEFAULT_START_LIMIT.perServer;
    this.now = opts.now ?? Date.now;
  }

  /** The current bound (for the bench and doctor). */
  get limit(): number {
    return Math.floor(this.slots);
  }

  get inFlight(): number {
    return this.active;
  }

  get queued(): number {
    return this.waiting.length;
  }

  /**
   * Runs `task` (one handshake) once a slot is free, overall and for `server`. `onStart` fires
   * when it got its slot: the wait before it is the client's queue, not the host's slowness.
   * `classify` says whether a failure looked like overload.
   */
  async run<T>(
    server: string,
    task: () => Promise<T>,
    classify: (err: unknown) => StartOutcome,
    onStart?: () => void,
  ): Promise<T> {
    await this.acquire(server);
    onStart?.();
    const started = this.now();
    try {
      const result = await task();
      this.record('ok', this.now() - started);
      return result;
    } catch (err) {
      this.record(classify(err), this.now() - started);
      throw err;
    } finally {
      this.release(server);
    }
  }

  /** Feeds one handshake's outcome into the bound. */
  record(outcome: StartOutcome, ms: number): void {
    if (!this.adaptive || outcome === 'other') return;
    if (outcome === 'ok') {
      const slow = this.bestMs < Infinity && ms > SLOW_FLOOR_MS && ms > SLOW_FACTOR * this.bestMs;
      this.bestMs = Math.min(this.bestMs, ms);
      if (!slow) {
        this.slots = Math.min(this.max, this.slots + 1);
        this.pump();
        return;
      }
    }
    // Overload: the handshakes in flight saw it too — one decrease per cool-down, not one each.
    const coolDown = Math.max(SLOW_FLOOR_MS, 2 * (this.bestMs < Infinity ? this.bestMs : 0));
    if (this.now() - this.lastDecrease < coolDown) return;
    this.lastDecrease = this.now();
    this.slots = Math.max(this.min, Math.floor(this.slots / 2));
  }

  private acquire(server: string): Promise<void> {
    return new Promise((resolve) => {
      this.waiting.push({ server, start: resolve });
      this.pump();
    });
  }

  private release(server: string): void {
    this.active--;
    const n = (this.perServerActive.get(server) ?? 1) - 1;
    if (n <= 0) this.perServerActive.delete(server);
    else this.perServerActive.set(server, n);
    this.pump();
  }

  /** Starts waiters in order, skipping those whose server is at its cap. */
  private pump(): void {
    for (let i = 0; i < this.waiting.length && this.active < this.limit;) {
      const w = this.waiting[i]!;
      const busy = this.perServerActive.get(w.server) ?? 0;
      if (busy >= this.perServer) {
        i++;
        continue;
      }
      this.waiting.splice(i, 1);
      this.active++;
      this.perServerActive.set(w.server, busy + 1);
      w.start();
    }
  }
}
