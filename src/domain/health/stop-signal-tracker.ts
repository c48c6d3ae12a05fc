import type { FleetEvent } from '../event.js';
import { normaliseSignal } from '../signals.js';

/** A stop that the container sat out until dockerd killed it. */
export interface ForcedStop {
  /** The signal sent first and ignored (`SIGTERM` unless the container sets another). */
  ignoredSignal: string;
  /** Epoch ms of the first signal and of the SIGKILL. */
  signalledAt: number;
  killedAt: number;
}

interface ContainerStopState {
  /** The last non-KILL signal sent, if no exit followed yet. */
  pending?: { signal: string; time: number };
  killedAt?: number;
  /** Latest verdict: a forced stop, or undefined once the container last exited on its own signal. */
  forced?: ForcedStop;
}

export interface StopSignalTrackerOptions {
  /** Containers remembered; the least recently seen are dropped first. */
  maxContainers?: number;
  /** A SIGKILL more than this long after the first signal is not read as the same stop. */
  maxStopWindowMs?: number;
}

const EXIT_SIGKILL = '137';

/**
 * Learns from the event stream which containers ignore their stop signal: dockerd sends the stop
 * signal (`kill signal=15`), waits the stop timeout, sends SIGKILL (`kill signal=9`), then reports
 * `die exitCode=137` (and `stop`). A container that exits on the first signal resets the verdict.
 * Pure and bounded: no timers, memory capped by `maxContainers`.
 */
export class StopSignalTracker {
  private readonly states = new Map<string, ContainerStopState>();
  private readonly maxContainers: number;
  private readonly maxStopWindowMs: number;

  constructor(opts: StopSignalTrackerOptions = {}) {
    this.maxContainers = opts.maxContainers ?? 2000;
    this.maxStopWindowMs = opts.maxStopWindowMs ?? 15 * 60_000;
  }

  observe(e: FleetEvent): void {
    if (e.type !== 'container') return;
    const key = `${e.host}/${e.actorId}`;
    if (e.action === 'destroy') {
      this.states.delete(key);
      return;
    }
    if (e.action === 'kill') this.onKill(key, e);
    else if (e.action === 'die') this.onDie(key, e);
  }

  ignoresStopSignal(host: string, id: string): boolean {
    return this.states.get(`${host}/${id}`)?.forced !== undefined;
  }

  /** The last forced stop of a container that still counts, for showing when and how long it took. */
  lastForcedStop(host: string, id: string): ForcedStop | undefined {
    return this.states.get(`${host}/${id}`)?.forced;
  }

  /** Containers currently remembered (bounded by `maxContainers`). */
  get size(): number {
    return this.states.size;
  }

  private onKill(key: string, e: FleetEvent): void {
    const signal = normaliseSignal(e.attributes['signal'] ?? '');
    if (signal === undefined) return;
    const state = this.touch(key);
    if (signal !== 'SIGKILL') {
      // The same signal again during one stop (e.g. `docker stop` twice) keeps the first time.
      const { pending } = state;
      if (!pending || pending.signal !== signal || e.time - pending.time > this.maxStopWindowMs) {
        state.pending = { signal, time: e.time };
        state.killedAt = undefined;
      }
      return;
    }
    if (state.pending && e.time - state.pending.time <= this.maxStopWindowMs) state.killedAt = e.time;
  }

  private onDie(key: string, e: FleetEvent): void {
    const state = this.states.get(key);
    if (!state?.pending) return;
    const { pending, killedAt } = state;
    if (killedAt !== undefined && e.attributes['exitCode'] === EXIT_SIGKILL) {
      state.forced = { ignoredSignal: pending.signal, signalledAt: pending.time, killedAt };
    } else if (killedAt === undefined) {
      // It exited on the first signal: it honours its stop signal (now).
      state.forced = undefined;
    }
    state.pending = undefined;
    state.killedAt = undefined;
  }

  /** The state of a container, moved to the most-recent end; evicts the oldest past the cap. */
  private touch(key: string): ContainerStopState {
    const state = this.states.get(key) ?? {};
    this.states.delete(key);
    this.states.set(key, state);
    while (this.states.size > this.maxContainers) {
      const oldest = this.states.keys().next().value;
      if (oldest === undefined) break;
      this.states.delete(oldest);
    }
    return state;
  }
}
