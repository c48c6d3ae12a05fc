import type { DockerHostApi } from '../../docker/host-api.js';
import {
  DEFAULT_USAGE_THRESHOLDS,
  type HostVitals,
  type StorageHealth,
  type UsageThresholds,
} from '../../domain/health/types.js';
import { Semaphore } from '../../util/semaphore.js';
import type { FleetStore } from '../store.js';
import { systemClock, type Clock } from '../../util/clock.js';
import { collectLocalVitals } from './local-vitals.js';
import { collectStorageHealth, type CollectStorageOptions } from './storage.js';
import { carryDiskUsage, type DiskUsageMemo } from './carry-disk-usage.js';
import { collectHostVitals, type CollectVitalsOptions } from './vitals.js';
import { firstCheckDelayMs } from './stagger.js';
import { fleetCadenceMs } from './cadence.js';

/** Time for the monitor; tests pass a manual one and advance it. */
export type HealthTimers = Clock;

/** How readings are taken; the defaults go to the hosts, tests pass fakes. */
export interface HealthCollectors {
  storage(
    api: DockerHostApi,
    thresholds: UsageThresholds,
    opts: CollectStorageOptions,
  ): Promise<StorageHealth>;
  vitals(api: DockerHostApi, opts: CollectVitalsOptions): Promise<HostVitals>;
  local(): Promise<HostVitals>;
}

const defaultCollectors: HealthCollectors = {
  storage: collectStorageHealth,
  vitals: collectHostVitals,
  local: () => collectLocalVitals(),
};

export interface HealthMonitorOptions {
  /** Storage-driver check per host (`/info` plus a host command). Default 60 s. */
  storageIntervalMs?: number;
  /** `GET /system/df` walks every layer and volume: much slower cadence. Default 10 min. */
  diskUsageIntervalMs?: number;
  /** Load, memory and disk of each remote host (one SSH command). Default 15 s; 0 turns it off. */
  vitalsIntervalMs?: number;
  /** The local machine (systeminformation). Default 5 s; 0 turns it off. */
  localIntervalMs?: number;
  /**
   * Each cadence stretches with the fleet so that all hosts together ask at most one read per this
   * much (see cadence.ts). Defaults: vitals 400 ms, storage 1 s; 0 keeps the fixed intervals.
   */
  vitalsPerHostMs?: number;
  storagePerHostMs?: number;
  /** How often the monitor looks for due work. Default 1 s. */
  tickMs?: number;
  /**
   * First checks of the hosts are spread this much per host (at most over each cadence), so that a
   * big fleet is not checked in one burst once it connects. Default 250 ms; 0 checks all at once.
   */
  staggerPerHostMs?: number;
  /** Hosts being checked at once across the fleet. Default 4. */
  concurrency?: number;
  thresholds?: UsageThresholds;
  commandTimeoutMs?: number;
  timers?: HealthTimers;
  collectors?: Partial<HealthCollectors>;
}

interface HostState {
  /** A job for this host is queued or running: never two at once (hosts limit SSH sessions). */
  busy: boolean;
  storageAt?: number;
  diskUsageAt?: number;
  vitalsAt?: number;
  diskUsage: DiskUsageMemo;
}

/**
 * Keeps storage health and vitals of every up host, and of the local machine, in the store.
 * Work is polled on slow cadences, bounded fleet-wide by `concurrency`, one job per host at a time;
 * hosts that are not up are skipped (their watcher reconnects them). Never throws at the caller.
 */
export class HealthMonitor {
  private readonly hosts = new Map<string, HostState>();
  private readonly semaphore: Semaphore;
  private readonly timers: HealthTimers;
  private readonly collectors: HealthCollectors;
  private readonly storageIntervalMs: number;
  private readonly diskUsageIntervalMs: number;
  private readonly vitalsIntervalMs: number;
  private readonly localIntervalMs: number;
  private localBusy = false;
  private localAt?: number;
  private stopTicker?: () => void;
  private stopped = true;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly apis: ReadonlyMap<string, DockerHostApi>,
    private readonly store: FleetStore,
    private readonly opts: HealthMonitorOptions = {},
  ) {
    this.semaphore = new Semaphore(opts.concurrency ?? 4);
    this.timers = opts.timers ?? systemClock;
    this.collectors = { ...defaultCollectors, ...opts.collectors };
    this.storageIntervalMs = opts.storageIntervalMs ?? 60_000;
    this.diskUsageIntervalMs = opts.diskUsageIntervalMs ?? 10 * 60_000;
    this.vitalsIntervalMs = opts.vitalsIntervalMs ?? 15_000;
    this.localIntervalMs = opts.localIntervalMs ?? 5_000;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.stopTicker = this.timers.every(this.opts.tickMs ?? 1_000, () => void this.runDue());
    void this.runDue();
  }

  stop(): void {
    this.stopped = true;
    this.stopTicker?.();
    this.stopTicker = undefined;
  }

  /** Starts whatever is due now; resolves once the work it started has finished. */
  async runDue(): Promise<void> {
    if (this.stopped) return;
    const started: Promise<void>[] = [];
    if (this.localIntervalMs > 0 && !this.localBusy && this.due(this.localAt, this.localIntervalMs)) {
      started.push(this.track(this.checkLocal()));
    }
    const { hosts } = this.store.getSnapshot();
    const cadence = this.cadenceFor(hosts.length);
    for (const [index, host] of hosts.entries()) {
      const api = this.apis.get(host.name);
      if (!api || host.state !== 'up') continue;
      const state = this.stateOf(host.name, index, hosts.length, cadence);
      if (state.busy) continue;
      const storage = this.due(state.storageAt, cadence.storageMs);
      const vitals = cadence.vitalsMs > 0 && this.due(state.vitalsAt, cadence.vitalsMs);
      if (!storage && !vitals) continue;
      state.busy = true;
      started.push(
        this.track(
          this.semaphore
            .run(() => this.checkHost(api, state, { storage, vitals }))
            .finally(() => {
              state.busy = false;
            }),
        ),
      );
    }
    await Promise.all(started);
  }

  /** Resolves when every job started so far has finished (for orderly shutdown and tests). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  private track(job: Promise<void>): Promise<void> {
    const settled = job.catch(() => undefined);
    this.inFlight.add(settled);
    void settled.finally(() => this.inFlight.delete(settled));
    return settled;
  }

  /** The storage and vitals cadences for a fleet of this many hosts. */
  private cadenceFor(hostCount: number): { storageMs: number; vitalsMs: number } {
    return {
      storageMs: fleetCadenceMs(this.storageIntervalMs, hostCount, this.opts.storagePerHostMs ?? 1_000),
      vitalsMs: fleetCadenceMs(this.vitalsIntervalMs, hostCount, this.opts.vitalsPerHostMs ?? 400),
    };
  }

  private due(last: number | undefined, intervalMs: number): boolean {
    return last === undefined || this.timers.now() - last >= intervalMs;
  }

  /** A host seen for the first time is given its first checks' times (staggered: see stagger.ts). */
  private stateOf(
    name: string,
    index: number,
    count: number,
    cadence: { storageMs: number; vitalsMs: number },
  ): HostState {
    let state = this.hosts.get(name);
    if (!state) {
      const now = this.timers.now();
      const perHost = this.opts.staggerPerHostMs ?? 250;
      // "Last checked" one interval before it is first due: the cadence then runs from there.
      const lastAt = (intervalMs: number) =>
        now - intervalMs + firstCheckDelayMs(index, count, intervalMs, perHost);
      state = { busy: false, diskUsage: {}, storageAt: lastAt(cadence.storageMs) };
      if (cadence.vitalsMs > 0) state.vitalsAt = lastAt(cadence.vitalsMs);
      this.hosts.set(name, state);
    }
    return state;
  }

  private async checkLocal(): Promise<void> {
    this.localBusy = true;
    this.localAt = this.timers.now();
    try {
      const vitals = await this.collectors.local();
      if (!this.stopped) this.store.setLocalVitals(vitals);
    } finally {
      this.localBusy = false;
    }
  }

  private async checkHost(
    api: DockerHostApi,
    state: HostState,
    due: { storage: boolean; vitals: boolean },
  ): Promise<void> {
    // One after the other: a host may allow only a few SSH sessions per connection.
    let dockerRootDir = this.store.getSnapshot().storage?.get(api.name)?.dockerRootDir;
    if (due.storage) {
      state.storageAt = this.timers.now();
      const withDiskUsage = this.due(state.diskUsageAt, this.diskUsageIntervalMs);
      if (withDiskUsage) state.diskUsageAt = state.storageAt;
      try {
        const health = await this.collectors.storage(api, this.opts.thresholds ?? DEFAULT_USAGE_THRESHOLDS, {
          withDiskUsage,
          commandTimeoutMs: this.opts.commandTimeoutMs,
          clock: this.timers,
        });
        dockerRootDir = health.dockerRootDir;
        if (!this.stopped)
          this.store.setStorageHealth(carryDiskUsage(health, withDiskUsage, state.diskUsage));
      } catch {
        // /info failed: the host watcher notices and marks the host; the last check stays shown.
      }
    }
    if (due.vitals) {
      state.vitalsAt = this.timers.now();
      const paths = dockerRootDir && dockerRootDir !== '/' ? ['/', dockerRootDir] : ['/'];
      const vitals = await this.collectors.vitals(api, {
        paths,
        timeoutMs: this.opts.commandTimeoutMs,
        clock: this.timers,
      });
      if (!this.stopped) this.store.setHostVitals(vitals);
    }
  }
}
