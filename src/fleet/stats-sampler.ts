import type { DockerHostApi } from '../docker/host-api.js';
import { cpuPercent, type StatsSample } from '../domain/stats.js';
import { Semaphore } from '../util/semaphore.js';
import type { ContainerUsage } from './snapshot.js';
import type { FleetStore } from './store.js';

export interface StatsSamplerOptions {
  intervalMs?: number;
  /** Concurrent stats requests per host: one-shot stats take ~1 s each on the daemon side. */
  perHostConcurrency?: number;
  historyLength?: number;
}

/**
 * Samples CPU/memory of the containers the UI shows, and only those. Each round takes a one-shot
 * sample per visible running container; CPU% comes from two successive samples.
 */
const PUBLISH_COALESCE_MS = 50;

export class StatsSampler {
  private visible: string[] = [];
  private readonly previous = new Map<string, StatsSample>();
  private readonly limits = new Map<string, Semaphore>();
  private timer?: NodeJS.Timeout;
  private flushTimer?: NodeJS.Timeout;
  private readonly pending = new Map<string, ContainerUsage>();
  private running = false;
  private stopped = false;
  private readonly intervalMs: number;
  private readonly historyLength: number;

  constructor(
    private readonly apis: ReadonlyMap<string, DockerHostApi>,
    private readonly store: FleetStore,
    private readonly opts: StatsSamplerOptions = {},
  ) {
    this.intervalMs = opts.intervalMs ?? 2_000;
    this.historyLength = opts.historyLength ?? 60;
  }

  /** Keys are `host/id` (containerKey). */
  setVisible(keys: readonly string[]): void {
    // Previous samples of rows that scrolled away are kept (pruned when the container is gone):
    // dropping them made a row that came back show "-" until two more samples arrived.
    this.visible = [...keys];
  }

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    clearTimeout(this.flushTimer);
    this.pending.clear();
  }

  /** One sampling round; exposed for tests and for the first paint. */
  async sampleOnce(): Promise<void> {
    const running = new Set(
      this.store
        .getSnapshot()
        .containers.filter((c) => c.state === 'running')
        .map((c) => `${c.host}/${c.id}`),
    );
    for (const key of this.previous.keys()) if (!running.has(key)) this.previous.delete(key);
    const targets = this.visible.filter((k) => running.has(k));
    await Promise.all(targets.map((key) => this.sampleOne(key)));
    this.flush();
  }

  private async sampleOne(key: string): Promise<void> {
    const slash = key.indexOf('/');
    const host = key.slice(0, slash);
    const id = key.slice(slash + 1);
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
    if (this.flushTimer) return;
    this.flushTimer = setTimeout(() => this.flush(), PUBLISH_COALESCE_MS);
    this.flushTimer.unref?.();
  }

  /** Writes pending samples to the store now (also used by tests and before stopping). */
  flush(): void {
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
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

  private schedule(delay: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(async () => {
      if (this.running) return this.schedule(this.intervalMs);
      this.running = true;
      try {
        await this.sampleOnce();
      } finally {
        this.running = false;
        this.schedule(this.intervalMs);
      }
    }, delay);
    this.timer.unref?.();
  }
}
