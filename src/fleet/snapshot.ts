import type { Container } from '../domain/container.js';
import type { FleetEvent } from '../domain/event.js';
import type { HistoryReach } from '../domain/events/history.js';
import type { HostVitals, StorageHealth } from '../domain/health/types.js';
import type { HostStatus } from '../domain/host.js';
import type { SwarmView } from './swarm/swarm-view.js';

/** Live resource use of one container, from successive one-shot samples. */
export interface ContainerUsage {
  cpuPercent?: number;
  memBytes: number;
  memLimitBytes: number;
  /** Recent values, oldest first, bounded length (for sparklines). */
  cpuHistory: readonly number[];
  memHistory: readonly number[];
  sampledAt: number;
}

/** An immutable view of the whole fleet. A new object on every change; never mutated. */
export interface FleetSnapshot {
  /** Increments with every published change. */
  readonly version: number;
  /** In fleet-file order; unreachable hosts stay in the list. */
  readonly hosts: readonly HostStatus[];
  /**
   * All containers of all hosts that answered, sorted by host order then name. A host that stopped
   * answering keeps its last list here: see `staleHosts`.
   */
  readonly containers: readonly Container[];
  /**
   * Hosts whose containers, usage and health readings are from their last answer (`lastSeenAt`),
   * not current: the host is degraded or unreachable now (HostStatus.stale).
   */
  readonly staleHosts?: ReadonlySet<string>;
  /** Recent events, newest first, bounded. */
  readonly events: readonly FleetEvent[];
  /** Per host, how far back the daemon history merged into `events` reaches (absent until read). */
  readonly historyReach?: readonly HistoryReach[];
  /** Keyed by containerKey(). */
  readonly usage: ReadonlyMap<string, ContainerUsage>;
  /** Epoch ms of the last change. */
  readonly updatedAt: number;
  /** Last storage-driver check per host (absent until the health monitor has checked it). */
  readonly storage?: ReadonlyMap<string, StorageHealth>;
  /** Last load/memory/disk reading per remote host. */
  readonly vitals?: ReadonlyMap<string, HostVitals>;
  /** The machine fleetdeck runs on. */
  readonly local?: HostVitals;
  /** The fleet file's swarms, in file order (empty without `swarms:`). */
  readonly swarms?: readonly SwarmView[];
  /** containerKey()s of containers whose last `docker stop` ended in SIGKILL (bounded). */
  readonly ignoresStopSignal?: ReadonlySet<string>;
}

/** What readers (UI, CLI) need of the store: compatible with React's useSyncExternalStore. */
export interface FleetReader {
  getSnapshot(): FleetSnapshot;
  subscribe(listener: () => void): () => void;
}

/** Whether some host has not yet answered or failed its current connect. */
export function anyHostConnecting(snapshot: Pick<FleetSnapshot, 'hosts'>): boolean {
  return snapshot.hosts.some((h) => h.state === 'connecting');
}
