import type { DockerHostApi } from '../docker/host-api.js';
import { cpuPercent, type StatsSample } from '../domain/stats.js';
import { systemClock, type Clock } from '../util/clock.js';
import { Semaphore } from '../util/semaphore.js';
import type { ContainerUsage } from './snapshot.js';
import type { FleetStore } from './store.js';

export interface StatsSamplerOptions {
  intervalMs?: number;
  /** Concurrent stats requests per host: one-shot stats take ~1 s each on the daemon side. */
  perHostConcurrency?: number;
  historyLength?: number;
  clock?: Clock;
}

const PUBLISH_COALESCE_MS = 50;

/**
 * Samples CPU/memory of the containers the UI shows, and only those, on hosts that are up. Each
 * round takes a one-shot sample per visible running container; CPU% comes from two successive
 * samples. Hosts are independent: a host whose samples of the last round are still out (a slow or
 * hung daemon, until its deadline) is skipped, never waited for.
 */
export class StatsSampler {
  private visible: string[] = [];
  private readonly previous = new Map<string, StatsSample>();
  private readonly limits = new Map<string, Semaphore>();
  private readonly busyHosts = new Set<string>();
  private stopTicker?: () => void;
  private cancelFlush?: () => void;
  private readonly pending = new Map<string, ContainerUsage>();
  private stopped = false;
  private readonly intervalMs: number;
  private readonly historyLength: number;
  private readonly clock: Clock;

  constructor(
    private readonly apis: ReadonlyMap<string, DockerHostApi>,
    private readonly store: FleetStore,
    private readonly opts: StatsSamplerOptions = {},
  ) {
    this.intervalMs = opts.intervalMs ?? 2_000;
    this.historyLength = opts.historyLength ?? 60;
    this.clock = opts.clock ?? systemClock;
  }

  /** Keys are `host/id` (containerKey). */
  setVisible(keys: readonly string[]): void {
    // Previous samples of rows that scrolled away are kept (pruned when the container is gone):
    // dropping them made a row that came back show "-" until two more samples arrived.
    this.visible = [...keys];
  }

  start(): void {
    if (this.stopTicker) return;
    this.stopped = false;
    this.stopTicker = this.clock.every(this.intervalMs, () => void this.sampleOnce());
    void this.sampleOnce();
  }

  stop(): void {
    this.stopped = true;
    this.stopTicker?.();
    this.stopTicker = undefined;
    this.cancelFlush?.();
    this.cancelFlush = undefined;
    this.pending.clear();
  }

  /**
   * One sampling round; resolves when the samples it started are in (exposed for tests and for
   * the first paint). Hosts still busy with the previous round are left out of this one.
   */
  async sampleOnce(): Promise<void> {
    const snapshot = this.store.getSnapshot();
    const up = new Set(snapshot.hosts.filter((h) => h.state === 'up').map((h) => h.name));
    const running = new Set(
      snapshot.containers
        .filter((c) => c.state === 'running' && up.has(c.host))
        .map((c) => `${c.host}/${c.id}`),
    );
    for (const key of this.previous.keys()) if (!running.has(key)) this.previous.delete(key);
    const byHost = new Map<string, string[]>();
    for (const key of this.visible) {
      if (!running.has(key)) continue;
      const host = key.slice(0, key.indexOf('/'));
      byHost.set(host, [...(byHost.get(host) ?? []), key]);
    }
    const rounds: Promise<void>[] = [];
    for (const [host, keys] of byHost) {
      if (this.busyHosts.has(host)) continue;
      this.busyHosts.add(host);
      rounds.push(
        Promise.all(keys.map((key) => this.sampleOne(host, key))).then(
          () => void this.busyHosts.delete(host),
        ),
      );
    }
    await Promise.all(rounds);
    this.flush();
  }

  private async sampleOne(host: string, key: string): Promise<void> {
    const id = key.slice(host.length + 1);
    const api = this.apis.get(host);
    if (!api) return;
    const limit = this.limitFor(host);
    try {
      const sample = await limit.run(() => api.statsOnce(id));
      if (this.stopped) return;
      const prev = this.previous.get(key);
      this.previous.set(key, sample);
      this.publish(key, this.nextUsage(key, prev, sample));
    } catch {
      // A container that stopped between list and sample is normal; the next list drops it.
    }
  }

  /**
   * Samples finish one by one; publishing each would redraw the dashboard once per sample.
   * Those that finish within PUBLISH_COALESCE_MS go to the store as one change.
   */
  private publish(key: string, usage: ContainerUsage): void {
    this.pending.set(key, usage);
    if (this.cancelFlush) return;
    this.cancelFlush = this.clock.after(PUBLISH_COALESCE_MS, () => this.flush());
  }

  /** Writes pending samples to the store now (also used by tests and before stopping). */
  flush(): void {
    this.cancelFlush?.();
    this.cancelFlush = undefined;
    if (this.pending.size === 0) return;
    const pending = [...this.pending];
    this.pending.clear();
    this.store.batch(() => {
      for (const [key, usage] of pending) this.store.setUsage(key, usage);
    });
  }

  private nextUsage(key: string, prev: StatsSample | undefined, sample: StatsSample): ContainerUsage {
    const old = this.pending.get(key) ?? this.store.getUsage(key);
    // No delta yet (first sample, or the daemon answered with the same counters): keep showing the
    // last known figure rather than flipping to "-" between frames.
    const delta = prev ? cpuPercent(prev, sample) : undefined;
    const cpu = delta ?? old?.cpuPercent;
    const cap = (xs: readonly number[], x: number | undefined) =>
      x === undefined ? xs : [...xs, x].slice(-this.historyLength);
    return {
      cpuPercent: cpu,
      memBytes: sample.memUsageBytes,
      memLimitBytes: sample.memLimitBytes,
      cpuHistory: cap(old?.cpuHistory ?? [], delta),
      memHistory: cap(old?.memHistory ?? [], sample.memUsageBytes),
      sampledAt: sample.time,
    };
  }

  private limitFor(host: string): Semaphore {
    let limit = this.limits.get(host);
    if (!limit) {
      limit = new Semaphore(this.opts.perHostConcurrency ?? 4);
      this.limits.set(host, limit);
    }
    return limit;
  }
}
