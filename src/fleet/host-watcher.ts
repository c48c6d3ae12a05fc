import type { DockerHostApi, EventSubscription } from '../docker/host-api.js';
import type { FleetEvent } from '../domain/event.js';
import type { DockerVersionInfo, HostProblem } from '../domain/host.js';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffOptions } from '../util/backoff.js';
import { systemClock, type Clock } from '../util/clock.js';
import { throttle } from '../util/throttle.js';
import { probeHost } from './probe.js';
import { problemOf, stateForProblem } from './problem.js';
import { EVENT_FILTERS } from './events/daemon-filter.js';
import { LiveContainerList } from './events/live-list.js';
import { isNoteworthy } from './relevant-events.js';
import type { FleetStore } from './store.js';

export interface HostWatcherOptions {
  timeoutMs?: number;
  /** Minimum gap between two re-lists caused by events the applier could not apply. */
  relistIntervalMs?: number;
  /**
   * A cheap /_ping keeps latency current and notices a daemon that stopped answering while its
   * event stream just stays silent (a hung dockerd): every 10 s by default — a hung daemon is
   * marked within ~20 s with the 10 s answer deadline (under issue 9's 30 s), and 100 hosts cost
   * 10 pings a second, not 20 (each a channel and a request on the dashboard's one thread).
   */
  pingIntervalMs?: number;
  /**
   * The safety net under the event applier: a full re-list this often (jittered ±20% per host so
   * a large fleet never re-lists at once) — 5 min by default. 0 turns it off.
   */
  reconcileIntervalMs?: number;
  backoff?: BackoffOptions;
  /** Every event from this host, noise included (the stop-signal tracker wants kills). */
  onEvent?: (e: FleetEvent) => void;
  /** The label naming a container's role (a rename may move a container to another role). */
  roleLabel?: string;
  clock?: Clock;
  /** Jitter of the reconcile interval (tests pin it). */
  random?: () => number;
}

export const DEFAULT_PING_INTERVAL_MS = 10_000;
export const DEFAULT_RECONCILE_INTERVAL_MS = 5 * 60_000;

/**
 * Keeps one host's entry in the store current: connect, subscribe to /events, list; then apply
 * each event to the list (state, status, health, name, exit code) without asking the daemon.
 * It re-lists (throttled) only when an event cannot be applied (a new container, a change to one
 * the list lacks — a sign of missed events —, a moved image tag, a daemon reload), on every
 * reconnect, and every few minutes as a reconcile. On any failure it marks the host and retries
 * with backoff (DEFAULT_BACKOFF: 0.5 s doubling to at most 30 s, jittered), for as long as it runs.
 * Nothing here waits without a deadline: every call it makes has its own in the transport.
 */
export class HostWatcher {
  private attempt = 0;
  private stopped = false;
  private generation = 0;
  /** The generation whose connect answered (re-lists wait for it: the connect lists anyway). */
  private upGeneration = -1;
  private subscription?: EventSubscription;
  private cancelPing?: () => void;
  private cancelRetry?: () => void;
  private cancelReconcile?: () => void;
  /** A daemon reload was seen: the next re-list reads /info too. */
  private infoStale = false;
  private readonly relist;
  private readonly live: LiveContainerList;
  private readonly timeoutMs: number;
  private readonly pingIntervalMs: number;
  private readonly reconcileIntervalMs: number;
  private readonly clock: Clock;

  constructor(
    private readonly api: DockerHostApi,
    private readonly store: FleetStore,
    private readonly opts: HostWatcherOptions = {},
  ) {
    this.timeoutMs = opts.timeoutMs ?? 15_000;
    this.pingIntervalMs = opts.pingIntervalMs ?? DEFAULT_PING_INTERVAL_MS;
    this.reconcileIntervalMs = opts.reconcileIntervalMs ?? DEFAULT_RECONCILE_INTERVAL_MS;
    this.clock = opts.clock ?? systemClock;
    this.relist = throttle(() => this.relistNow(), opts.relistIntervalMs ?? 250, this.clock);
    this.live = new LiveContainerList({
      now: () => this.clock.now(),
      ...(opts.roleLabel !== undefined ? { roleLabel: opts.roleLabel } : {}),
    });
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
      // Subscribe and list at once: the subscription asks for every event since the start of
      // this second, so whatever changes while the list is computed is replayed, and whatever
      // arrives before the list answers is applied on top of it (an event the list already
      // reflects changes nothing). Waiting for the stream to open first cost every host one
      // round trip before its first list.
      this.live.beginList();
      const since = Math.floor(this.clock.now() / 1000);
      const subscribing = this.api.events(
        { since, filters: { type: EVENT_FILTERS.type, event: EVENT_FILTERS.event } },
        (e) => current() && this.onEvent(e),
        (err) => current() && this.fail(err ? problemOf(this.name, err) : this.streamEnded()),
      );
      const probing = probeHost(this.api, {
        all: true,
        timeoutMs: this.timeoutMs,
        clock: this.clock,
        ping: false,
      });
      const [subscribed, probed] = await Promise.allSettled([subscribing, probing]);
      if (subscribed.status === 'fulfilled') {
        if (!current()) return subscribed.value.close();
        this.subscription = subscribed.value;
      }
      if (!current()) return;
      if (subscribed.status === 'rejected') return this.fail(problemOf(this.name, subscribed.reason));
      if (probed.status === 'rejected') return this.fail(problemOf(this.name, probed.reason));
      const result = probed.value;
      if (!result.ok) return this.fail(result.problem);
      this.attempt = 0;
      this.upGeneration = generation;
      this.infoStale = false;
      const outcome = this.live.endList(result.containers);
      this.store.batch(() => {
        this.store.updateHost(this.name, {
          state: 'up',
          docker: result.docker,
          lastSeenAt: this.clock.now(),
        });
        this.publishContainers();
      });
      this.afterList(outcome.relist.length > 0);
      // The round trip shown is a warm connection's, measured right after the host is shown up
      // (not before: that would hold every host's first frame back by one more round trip).
      void this.ping(generation);
    } catch (err) {
      if (current()) this.fail(problemOf(this.name, err));
    }
  }

  private onEvent(e: FleetEvent): void {
    this.opts.onEvent?.(e);
    if (!isNoteworthy(e)) return;
    const outcome = this.live.push(e);
    this.store.batch(() => {
      this.store.addEvent(e);
      if (outcome.changed) this.publishContainers();
    });
    if (outcome.relist.some((r) => r.reason === 'daemon-reload')) this.infoStale = true;
    if (outcome.relist.length > 0) this.relist.trigger();
  }

  private async relistNow(): Promise<void> {
    const generation = this.generation;
    if (this.upGeneration !== generation) return;
    const withInfo = this.infoStale;
    this.live.beginList();
    try {
      const [containers, info] = await Promise.all([
        this.api.listContainers({ all: true }),
        withInfo ? this.api.info() : undefined,
      ]);
      if (this.stopped || generation !== this.generation) return;
      if (withInfo) this.infoStale = false;
      const outcome = this.live.endList(containers);
      const prev = this.shownDocker();
      this.store.batch(() => {
        this.publishContainers();
        this.store.updateHost(this.name, {
          lastSeenAt: this.clock.now(),
          ...(prev && info
            ? {
                docker: {
                  ...prev,
                  serverVersion: info.serverVersion,
                  kernelVersion: info.kernelVersion,
                  storageDriver: info.driver,
                  dockerRootDir: info.dockerRootDir,
                  swarm: info.swarm,
                },
              }
            : {}),
        });
        this.publishCounts();
      });
      this.afterList(outcome.relist.length > 0);
    } catch (err) {
      if (!this.stopped && generation === this.generation) this.fail(problemOf(this.name, err));
    }
  }

  /** This host's daemon facts as the store has them now. */
  private shownDocker(): DockerVersionInfo | undefined {
    return this.store.getSnapshot().hosts.find((h) => h.name === this.name)?.docker;
  }

  /** The list in the store, and the running/total counts the host line shows. */
  private publishContainers(): void {
    this.store.setContainers(this.name, this.live.containers);
    this.publishCounts();
  }

  private publishCounts(): void {
    const prev = this.shownDocker();
    if (!prev) return;
    const containers = this.live.containers;
    const running = containers.filter((c) => c.state === 'running').length;
    if (prev.containersRunning === running && prev.containersTotal === containers.length) return;
    this.store.updateHost(this.name, {
      docker: { ...prev, containersRunning: running, containersTotal: containers.length },
    });
  }

  /** After any list: re-list again if the replay asked for it, and re-arm the reconcile. */
  private afterList(again: boolean): void {
    if (again) this.relist.trigger();
    this.cancelReconcile?.();
    this.cancelReconcile = undefined;
    if (this.reconcileIntervalMs <= 0) return;
    const jitter = 0.8 + 0.4 * (this.opts.random ?? Math.random)();
    this.cancelReconcile = this.clock.after(Math.round(this.reconcileIntervalMs * jitter), () =>
      this.relist.trigger(),
    );
  }
  private schedulePing(generation: number): void {
    this.cancelPing = this.clock.after(this.pingIntervalMs, () => void this.ping(generation));
  }

  private async ping(generation: number): Promise<void> {
    if (this.stopped || generation !== this.generation) return;
    try {
      const ping = await this.api.ping();
      if (this.stopped || generation !== this.generation) return;
      const docker = this.shownDocker();
      this.store.updateHost(this.name, {
        latencyMs: ping.latencyMs,
        lastSeenAt: this.clock.now(),
        // The daemon's own API version comes with the ping (the first one after connecting).
        ...(docker && docker.apiVersion !== ping.apiVersion
          ? { docker: { ...docker, apiVersion: ping.apiVersion } }
          : {}),
      });
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
    this.cancelReconcile?.();
    this.cancelReconcile = undefined;
    this.live.abortList();
    const sub = this.subscription;
    this.subscription = undefined;
    sub?.close();
  }
}
