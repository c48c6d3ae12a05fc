import type { SwarmReader } from '../../docker/swarm-read.js';
import { chooseManager } from '../../docker/swarm-manager.js';
import type { FleetEvent } from '../../domain/event.js';
import type {
  SwarmClusterInfo,
  SwarmNode,
  SwarmServiceInfo,
  SwarmState,
  SwarmTaskInfo,
} from '../../domain/swarm.js';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffOptions } from '../../util/backoff.js';
import type { Clock } from '../../util/clock.js';
import { mergeRunning } from './task-merge.js';
import { SwarmDirty, type SwarmDirtyMark } from './swarm-dirty.js';

export interface SwarmSourceStatus {
  state: 'connecting' | 'up' | 'down';
  /** The manager read from (up), or last tried. */
  manager?: string;
  /** Why it is down, naming each manager and what it answered. */
  message?: string;
  /** Epoch ms of the last change of `state`. */
  since: number;
}

export interface SwarmSourceOptions {
  clock: Clock;
  /**
   * The Engine API has no task events: a task that dies and is replaced says nothing on the
   * manager's stream. The running tasks are re-listed this often (one GET) as a backstop.
   */
  backstopMs?: number;
  /** Events in a burst are applied together this long after the first. */
  settleMs?: number;
  /** After a node event, tasks are re-listed again at these delays (a drain moves them over seconds). */
  followUpMs?: readonly number[];
  backoff?: BackoffOptions;
}

const RUNNING = ['running'];

/**
 * One swarm, kept current from one manager: a full read at start (and after each failover),
 * then the manager's node/service events applied to the state with targeted reads. When the
 * manager's stream ends or a read fails, the next reachable manager is chosen (the leader
 * preferred), backing off while none answers.
 */
export class SwarmSource {
  private current: SwarmState | undefined;
  private statusNow: SwarmSourceStatus;
  private reader: SwarmReader | undefined;
  private cluster: SwarmClusterInfo | undefined;
  private nodes = new Map<string, SwarmNode>();
  private services = new Map<string, SwarmServiceInfo>();
  private tasks = new Map<string, SwarmTaskInfo>();
  private readonly dirty = new SwarmDirty();
  private flushTimer: (() => void) | undefined;
  private timers = new Set<() => void>();
  private unsubscribe: (() => void) | undefined;
  private listeners = new Set<() => void>();
  private attempt = 0;
  private stopped = true;
  private generation = 0;
  private firstRead: Promise<void>;
  private markFirstRead: () => void = () => {};

  constructor(
    readonly swarm: string,
    private readonly readers: readonly SwarmReader[],
    private readonly opts: SwarmSourceOptions,
  ) {
    this.statusNow = { state: 'connecting', since: opts.clock.now() };
    this.firstRead = new Promise((resolve) => (this.markFirstRead = resolve));
  }

  get state(): SwarmState | undefined {
    return this.current;
  }

  get status(): SwarmSourceStatus {
    return this.statusNow;
  }

  /** The manager reads go to now, for actions (undefined while none answers). */
  get manager(): SwarmReader | undefined {
    return this.reader;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves once the first connect attempt has ended (read or failed). */
  ready(): Promise<void> {
    return this.firstRead;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    void this.connect();
    const backstop = this.opts.backstopMs ?? 30_000;
    this.timers.add(
      this.opts.clock.every(backstop, () => {
        if (this.reader) this.markDirty({ relist: true });
      }),
    );
  }

  stop(): void {
    this.stopped = true;
    this.generation += 1;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.flushTimer?.();
    this.flushTimer = undefined;
    for (const cancel of this.timers) cancel();
    this.timers.clear();
  }

  /** A full re-read now (after an action), through the manager in use or a new one. */
  async refresh(): Promise<void> {
    if (!this.reader) return this.connect();
    try {
      await this.fullRead(this.reader, this.generation);
    } catch (err) {
      this.lost(err);
    }
  }

  private async connect(): Promise<void> {
    const generation = ++this.generation;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.reader = undefined;
    const selection = await chooseManager(this.swarm, this.readers);
    if (generation !== this.generation || this.stopped) return;
    if (!selection.ok) {
      this.setStatus({ state: 'down', message: selection.message });
      this.markFirstRead();
      this.retryLater();
      return;
    }
    const { reader, cluster, nodes } = selection.choice;
    try {
      // Subscribe first: whatever changes during the full read arrives as an event after it.
      const sub = await reader.events(
        (e) => this.onEvent(e, generation),
        (err) => {
          if (generation === this.generation && !this.stopped) this.lost(err);
        },
      );
      this.unsubscribe = () => sub.close();
      this.reader = reader;
      this.cluster = cluster;
      this.nodes = new Map(nodes.map((n) => [n.id, n]));
      await this.fullRead(reader, generation, { nodesRead: true });
      this.attempt = 0;
    } catch (err) {
      if (generation === this.generation) this.lost(err);
    }
    this.markFirstRead();
  }

  private lost(err: unknown): void {
    const message = err instanceof Error ? err.message : String(err);
    this.setStatus({ state: 'down', message, ...(this.reader ? { manager: this.reader.manager } : {}) });
    this.reader = undefined;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    // Another manager may answer at once (failover); only a second miss in a row waits.
    if (this.attempt === 0) {
      this.attempt = 1;
      void this.connect();
    } else {
      this.retryLater();
    }
  }

  private retryLater(): void {
    const delay = backoffDelay(this.attempt, this.opts.backoff ?? DEFAULT_BACKOFF);
    this.attempt += 1;
    const cancel = this.opts.clock.after(delay, () => {
      this.timers.delete(cancel);
      if (!this.stopped) void this.connect();
    });
    this.timers.add(cancel);
  }

  private async fullRead(
    reader: SwarmReader,
    generation: number,
    opts: { nodesRead?: boolean } = {},
  ): Promise<void> {
    const [nodes, services, tasks] = await Promise.all([
      opts.nodesRead ? Promise.resolve([...this.nodes.values()]) : reader.nodes(),
      reader.services(),
      reader.tasks({ desiredState: RUNNING }),
    ]);
    if (generation !== this.generation) return;
    this.nodes = new Map(nodes.map((n) => [n.id, n]));
    this.services = new Map(services.map((s) => [s.id, s]));
    this.tasks = new Map(tasks.map((t) => [t.id, t]));
    this.setStatus({ state: 'up', manager: reader.manager });
    this.publish();
  }

  private onEvent(e: FleetEvent, generation: number): void {
    if (generation !== this.generation) return;
    if (e.type === 'node') {
      this.markDirty({ node: e.actorId, relist: true });
      for (const ms of this.opts.followUpMs ?? [3_000, 10_000]) {
        const cancel = this.opts.clock.after(ms, () => {
          this.timers.delete(cancel);
          if (generation === this.generation) this.markDirty({ relist: true });
        });
        this.timers.add(cancel);
      }
    } else if (e.type === 'service') {
      this.markDirty({ service: e.actorId });
    }
  }

  private markDirty(what: SwarmDirtyMark): void {
    this.dirty.add(what);
    if (this.flushTimer) return;
    this.flushTimer = this.opts.clock.after(this.opts.settleMs ?? 250, () => {
      this.flushTimer = undefined;
      void this.flush();
    });
  }

  private async flush(): Promise<void> {
    const reader = this.reader;
    if (!reader) return;
    const generation = this.generation;
    const { nodeIds, serviceIds, relist } = this.dirty.take();
    try {
      const nodes = await Promise.all(nodeIds.map(async (id) => [id, await reader.node(id)] as const));
      const running = relist ? await reader.tasks({ desiredState: RUNNING }) : undefined;
      if (generation !== this.generation) return;
      for (const [id, node] of nodes) {
        if (node) this.nodes.set(id, node);
        else this.nodes.delete(id);
      }
      if (running) {
        for (const id of mergeRunning(this.tasks, running)) serviceIds.add(id);
      }
      await this.readServices(reader, [...serviceIds], generation);
      if (generation !== this.generation) return;
      this.publish();
    } catch (err) {
      if (generation === this.generation) this.lost(err);
    }
  }

  private async readServices(reader: SwarmReader, ids: readonly string[], generation: number): Promise<void> {
    const read = await Promise.all(
      ids.map(async (id) => [id, await reader.service(id), await reader.tasks({ service: id })] as const),
    );
    if (generation !== this.generation) return;
    for (const [id, service, tasks] of read) {
      for (const [taskId, t] of this.tasks) if (t.serviceId === id) this.tasks.delete(taskId);
      if (!service) {
        this.services.delete(id);
        continue;
      }
      this.services.set(id, service);
      for (const t of tasks) this.tasks.set(t.id, t);
    }
  }

  private setStatus(next: Omit<SwarmSourceStatus, 'since'>): void {
    const since = next.state === this.statusNow.state ? this.statusNow.since : this.opts.clock.now();
    this.statusNow = { ...next, since };
    if (next.state !== 'up') this.publishListeners();
  }

  private publish(): void {
    if (!this.reader || !this.cluster) return;
    this.current = {
      swarm: this.swarm,
      manager: this.reader.manager,
      cluster: this.cluster,
      nodes: [...this.nodes.values()],
      services: [...this.services.values()],
      tasks: [...this.tasks.values()],
      readAt: this.opts.clock.now(),
    };
    this.publishListeners();
  }

  private publishListeners(): void {
    for (const l of [...this.listeners]) l();
  }
}
