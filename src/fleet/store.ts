import { containerKey, type Container } from '../domain/container.js';
import type { FleetEvent } from '../domain/event.js';
import { mergeEvents, type HistoryReach } from '../domain/events/history.js';
import type { HostVitals, StorageHealth } from '../domain/health/types.js';
import type { HostStatus } from '../domain/host.js';
import { systemClock, type Clock } from '../util/clock.js';
import { GroupedMapBuilder } from './grouped-map.js';
import type { ContainerUsage, FleetReader, FleetSnapshot } from './snapshot.js';
import type { SwarmView } from './swarm/swarm-view.js';

export interface FleetStoreOptions {
  /** How many events the snapshot keeps (a ring: the wallboard runs for days). */
  eventCap?: number;
  /** Only read (`since`, `updatedAt`); the store sets no timers. */
  clock?: Pick<Clock, 'now'>;
  /** The fleet file's swarms, in file order: each shown as connecting until its source reports. */
  swarms?: readonly string[];
}

const DEFAULT_EVENT_CAP = 500;

/**
 * The single store of fleet state. Writers (host watchers, the stats sampler) call the setters;
 * every change publishes a new immutable snapshot and notifies subscribers synchronously.
 * Use `batch()` to coalesce many writes into one publication.
 */
export class FleetStore implements FleetReader {
  private readonly hostOrder: string[];
  private hosts = new Map<string, HostStatus>();
  private containersByHost = new Map<string, readonly Container[]>();
  // Replaced on every event (never mutated), so a publish shares it.
  private events: readonly FleetEvent[] = Object.freeze([]);
  // A publish per stats sample must not copy the whole fleet's usage: copy-on-write per host.
  private usage = new GroupedMapBuilder<ContainerUsage>();
  // The snapshot's lists, rebuilt only when their part changed (a stats sample changes neither).
  private hostList: readonly HostStatus[] | undefined;
  private staleHosts: ReadonlySet<string> = new Set();
  private containerList: readonly Container[] | undefined;
  // Health parts change rarely: replaced (copy-on-write) so a publish shares them, never copies.
  private storage: ReadonlyMap<string, StorageHealth> = new Map();
  private vitals: ReadonlyMap<string, HostVitals> = new Map();
  private local?: HostVitals;
  private ignoresStopSignal: ReadonlySet<string> = new Set();
  private swarms: readonly SwarmView[] = Object.freeze([]);
  private readonly listeners = new Set<() => void>();
  private snapshot: FleetSnapshot;
  private version = 0;
  private batchDepth = 0;
  private dirty = false;
  private readonly eventCap: number;
  private readonly clock: Pick<Clock, 'now'>;

  constructor(initialHosts: readonly HostStatus[], opts: FleetStoreOptions = {}) {
    this.eventCap = opts.eventCap ?? DEFAULT_EVENT_CAP;
    this.clock = opts.clock ?? systemClock;
    this.hostOrder = initialHosts.map((h) => h.name);
    for (const h of initialHosts) this.hosts.set(h.name, h);
    const since = this.clock.now();
    this.swarms = Object.freeze(
      (opts.swarms ?? []).map((name) => ({ name, status: { state: 'connecting' as const, since } })),
    );
    this.snapshot = this.build();
  }

  getSnapshot = (): FleetSnapshot => this.snapshot;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /**
   * Applies a partial host update; `since` moves only when the state kind changes. A host that is
   * not up keeps its last containers and readings, marked `stale` once it had answered before.
   */
  updateHost(name: string, patch: Partial<Omit<HostStatus, 'name' | 'stale'>>): void {
    const prev = this.hosts.get(name);
    if (!prev) throw new Error(`unknown host ${name}`);
    const stateChanged = patch.state !== undefined && patch.state !== prev.state;
    const next: HostStatus = {
      ...prev,
      ...patch,
      since: stateChanged ? (patch.since ?? this.clock.now()) : prev.since,
    };
    next.stale = next.state !== 'up' && next.lastSeenAt !== undefined;
    if (next.state === 'up') delete next.problem;
    this.hosts.set(name, next);
    this.hostList = undefined;
    this.changed();
  }

  /** Replaces one host's container list (sorted by name for stable display). */
  setContainers(host: string, containers: readonly Container[]): void {
    const sorted = [...containers].sort((a, b) => a.name.localeCompare(b.name));
    this.containersByHost.set(host, sorted);
    this.containerList = undefined;
    // Usage of containers that are gone would otherwise accumulate forever.
    const alive = new Set(sorted.map(containerKey));
    this.usage.retainInGroup(host, (key) => alive.has(key));
    const gone = [...this.ignoresStopSignal].filter((k) => k.startsWith(`${host}/`) && !alive.has(k));
    if (gone.length > 0) {
      const next = new Set(this.ignoresStopSignal);
      for (const k of gone) next.delete(k);
      this.ignoresStopSignal = next;
    }
    this.changed();
  }

  /** Per host, how far back the daemon history given to addHistory reaches. */
  historyReach: readonly HistoryReach[] = [];

  /** Events from before the live streams (each daemon's history), merged by time, each once. */
  addHistory(history: readonly FleetEvent[], reach: readonly HistoryReach[]): void {
    this.events = Object.freeze(mergeEvents(history, this.events, this.eventCap));
    this.historyReach = reach;
    this.changed();
  }

  addEvent(event: FleetEvent): void {
    this.events = Object.freeze([event, ...this.events.slice(0, this.eventCap - 1)]);
    this.changed();
  }

  setUsage(key: string, usage: ContainerUsage): void {
    this.usage.set(key, usage);
    this.changed();
  }

  getUsage(key: string): ContainerUsage | undefined {
    return this.usage.get(key);
  }

  setStorageHealth(health: StorageHealth): void {
    this.storage = new Map(this.storage).set(health.host, health);
    this.changed();
  }

  setHostVitals(vitals: HostVitals): void {
    this.vitals = new Map(this.vitals).set(vitals.host, vitals);
    this.changed();
  }

  setLocalVitals(vitals: HostVitals): void {
    this.local = vitals;
    this.changed();
  }

  /** Records whether a container (containerKey) sat out its last stop signal; publishes only on change. */
  setIgnoresStopSignal(key: string, ignores: boolean): void {
    if (this.ignoresStopSignal.has(key) === ignores) return;
    const next = new Set(this.ignoresStopSignal);
    if (ignores) next.add(key);
    else next.delete(key);
    this.ignoresStopSignal = next;
    this.changed();
  }

  /** Replaces one swarm's view (a swarm not given to the constructor is ignored). */
  setSwarm(view: SwarmView): void {
    if (!this.swarms.some((s) => s.name === view.name)) return;
    this.swarms = Object.freeze(this.swarms.map((s) => (s.name === view.name ? view : s)));
    this.changed();
  }

  batch(fn: () => void): void {
    this.batchDepth++;
    try {
      fn();
    } finally {
      this.batchDepth--;
      if (this.batchDepth === 0 && this.dirty) this.publish();
    }
  }

  private changed(): void {
    this.dirty = true;
    if (this.batchDepth === 0) this.publish();
  }

  private publish(): void {
    this.dirty = false;
    this.version++;
    this.snapshot = this.build();
    for (const listener of [...this.listeners]) listener();
  }

  private build(): FleetSnapshot {
    if (!this.hostList) {
      this.hostList = Object.freeze(
        this.hostOrder.map((n) => this.hosts.get(n)).filter((h): h is HostStatus => h !== undefined),
      );
      this.staleHosts = new Set(this.hostList.filter((h) => h.stale).map((h) => h.name));
    }
    if (!this.containerList) {
      const containers: Container[] = [];
      for (const name of this.hostOrder) {
        for (const c of this.containersByHost.get(name) ?? []) containers.push(c);
      }
      this.containerList = Object.freeze(containers);
    }
    return Object.freeze({
      version: this.version,
      hosts: this.hostList,
      containers: this.containerList,
      events: this.events,
      usage: this.usage.publish(),
      updatedAt: this.clock.now(),
      staleHosts: this.staleHosts,
      storage: this.storage,
      vitals: this.vitals,
      local: this.local,
      ignoresStopSignal: this.ignoresStopSignal,
      swarms: this.swarms,
      historyReach: this.historyReach,
    });
  }
}
