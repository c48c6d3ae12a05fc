import type { DockerHostApi, EventSubscription } from '../docker/host-api.js';
import type { FleetEvent } from '../domain/event.js';
import type { HostProblem } from '../domain/host.js';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffOptions } from '../util/backoff.js';
import { systemClock, type Clock } from '../util/clock.js';
import { throttle } from '../util/throttle.js';
import { probeHost } from './probe.js';
import { problemOf, stateForProblem } from './problem.js';
import { changesContainerList, isNoteworthy } from './relevant-events.js';
import type { FleetStore } from './store.js';

export interface HostWatcherOptions {
  timeoutMs?: number;
  /** Minimum gap between two re-lists caused by bursts of events. */
  relistIntervalMs?: number;
  /**
   * A cheap /_ping keeps latency current and notices a daemon that stopped answering while its
   * event stream just stays silent (a hung dockerd): every 5 s by default.
   */
  pingIntervalMs?: number;
  backoff?: BackoffOptions;
  /** Every event from this host, noise included (the stop-signal tracker wants kills). */
  onEvent?: (e: FleetEvent) => void;
  clock?: Clock;
}

export const DEFAULT_PING_INTERVAL_MS = 5_000;

/**
 * Keeps one host's entry in the store current: connect, subscribe to /events, list; re-list
 * (throttled) when container events arrive; on any failure mark the host and retry with backoff
 * (DEFAULT_BACKOFF: 0.5 s doubling to at most 30 s, jittered), for as long as it runs.
 * There is no periodic full listing while events flow. Nothing here waits without a deadline:
 * every call it makes has its own in the transport.
 */
export class HostWatcher {
  private attempt = 0;
  private stopped = false;
  private generation = 0;
  private subscription?: EventSubscription;
  private cancelPing?: () => void;
  private cancelRetry?: () => void;
  private readonly relist;
  private readonly timeoutMs: number;
  private readonly pingIntervalMs: number;
  private readonly clock: Clock;

  constructor(
    private readonly api: DockerHostApi,
    private readonly store: FleetStore,
    private readonly opts: HostWatcherOptions = {},
  ) {
    this.timeoutMs = opts.timeoutMs ?? 15_000;
    this.pingIntervalMs = opts.pingIntervalMs ?? DEFAULT_PING_INTERVAL_MS;
    this.clock = opts.clock ?? systemClock;
    this.relist = throttle(() => this.relistNow(), opts.relistIntervalMs ?? 250);
  }

  get name(): string {
    return this.api.name;
  }

  start(): void {
    this.stopped = false;
    void this.connect();
  }

  /** Forces a re-list now (used after actions). */
  refresh(): Promise<void> {
    return this.relist.flush();
  }

  stop(): void {
    this.stopped = true;
    this.generation++;
    this.relist.stop();
    this.teardown();
    this.cancelRetry?.();
  }

  private async connect(): Promise<void> {
    const generation = ++this.generation;
    const current = () => !this.stopped && generation === this.generation;
    try {
      // Subscribe before listing so that nothing changing in between is missed.
      const since = Math.floor(this.clock.now() / 1000);
      const subscription = await this.api.events(
        { since },
        (e) => current() && this.onEvent(e),
        (err) => current() && this.fail(err ? problemOf(this.name, err) : this.streamEnded()),
      );
      if (!current()) return subscription.close();
      this.subscription = subscription;
      const result = await probeHost(this.api, { all: true, timeoutMs: this.timeoutMs, clock: this.clock });
      if (!current()) return;
      if (!result.ok) return this.fail(result.problem);
      this.attempt = 0;
      this.store.batch(() => {
        this.store.updateHost(this.name, {
          state: 'up',
          docker: result.docker,
          latencyMs: result.latencyMs,
          lastSeenAt: this.clock.now(),
        });
        this.store.setContainers(this.name, result.containers);
      });
      this.schedulePing(generation);
    } catch (err) {
      if (current()) this.fail(problemOf(this.name, err));
    }
  }

  private onEvent(e: FleetEvent): void {
    this.opts.onEvent?.(e);
    if (!isNoteworthy(e)) return;
    this.store.addEvent(e);
    if (changesContainerList(e)) this.relist.trigger();
  }

  private async relistNow(): Promise<void> {
    const generation = this.generation;
    try {
      const containers = await this.api.listContainers({ all: true });
      if (this.stopped || generation !== this.generation) return;
      const running = containers.filter((c) => c.state === 'running').length;
      const prev = this.store.getSnapshot().hosts.find((h) => h.name === this.name)?.docker;
      this.store.batch(() => {
        this.store.setContainers(this.name, containers);
        this.store.updateHost(this.name, {
          lastSeenAt: this.clock.now(),
          ...(prev
            ? { docker: { ...prev, containersRunning: running, containersTotal: containers.length } }
            : {}),
        });
      });
    } catch (err) {
      if (!this.stopped && generation === this.generation) this.fail(problemOf(this.name, err));
    }
  }

  private schedulePing(generation: number): void {
    this.cancelPing = this.clock.after(this.pingIntervalMs, () => void this.ping(generation));
  }

  private async ping(generation: number): Promise<void> {
    if (this.stopped || generation !== this.generation) return;
    try {
      const ping = await this.api.ping();
      if (this.stopped || generation !== this.generation) return;
      this.store.updateHost(this.name, { latencyMs: ping.latencyMs, lastSeenAt: this.clock.now() });
      this.schedulePing(generation);
    } catch (err) {
      if (!this.stopped && generation === this.generation) this.fail(problemOf(this.name, err));
    }
  }

  private streamEnded(): HostProblem {
    return { code: 'disconnected', message: `${this.name}: event stream ended — reconnecting` };
  }

  private fail(problem: HostProblem): void {
    this.generation++;
    this.teardown();
    // The last containers stay in the store; it marks them stale (HostStatus.stale).
    this.store.updateHost(this.name, { state: stateForProblem(problem), problem });
    const delay = backoffDelay(this.attempt++, this.opts.backoff ?? DEFAULT_BACKOFF);
    this.cancelRetry?.();
    this.cancelRetry = this.clock.after(delay, () => void this.connect());
  }

  private teardown(): void {
    this.cancelPing?.();
    this.cancelPing = undefined;
    const sub = this.subscription;
    this.subscription = undefined;
    sub?.close();
  }
}
