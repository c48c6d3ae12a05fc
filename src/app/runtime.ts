import type { FleetConfig } from '../config/index.js';
import type { DockerHostApi } from '../docker/host-api.js';
import type { FleetEvent } from '../domain/event.js';
import { HealthMonitor } from '../fleet/health/monitor.js';
import { StopSignalFeed } from '../fleet/health/stop-signal-feed.js';
import { loadFleetHistory } from '../fleet/events-history.js';
import { afterFirstRound } from '../fleet/first-round.js';
import { HostWatcher } from '../fleet/host-watcher.js';
import { StatsSampler } from '../fleet/stats-sampler.js';
import { FleetStore } from '../fleet/store.js';
import { systemClock, type Clock } from '../util/clock.js';
import { openTargets, type FleetTarget } from './targets.js';
import { probeBackstopMs } from './probe-backstop.js';
import { startSwarms, type SwarmRuntime } from './swarm-runtime.js';

export interface FleetRuntime {
  config: FleetConfig;
  store: FleetStore;
  targets: FleetTarget[];
  apis: ReadonlyMap<string, DockerHostApi>;
  sampler: StatsSampler;
  /** Storage health and vitals of every up host and of this machine, into the store. */
  health: HealthMonitor;
  /** The `swarms:` of the fleet file, each read from one manager at a time. */
  swarms: SwarmRuntime;
  /** Forces a re-list of one host (after an action) or all. */
  refresh(host?: string): Promise<void>;
  close(): Promise<void>;
}

/** The event history waits for every host's first connect, but never longer than this. */
const HISTORY_AFTER_MAX_MS = 10_000;

/** A live fleet: one watcher per host feeding the store, and the stats sampler. */
export function startFleet(
  config: FleetConfig,
  opts: {
    readOnly: boolean;
    onEvent?: (e: FleetEvent) => void;
    clock?: Clock;
    /** How far back each daemon's event history is read at start (0: none; default 15 min). */
    historyMs?: number;
  },
): FleetRuntime {
  const clock = opts.clock ?? systemClock;
  const fleet = openTargets(config, { readOnly: opts.readOnly, withManagers: true });
  const now = clock.now();
  const store = new FleetStore(
    fleet.targets.map((t) => ({ ...t.identity, state: 'connecting' as const, since: now })),
    { clock, swarms: (config.swarms ?? []).map((s) => s.name) },
  );
  const swarms = startSwarms(fleet.managers, store, clock);
  const timeoutMs = probeBackstopMs(config.settings);
  const stopSignals = new StopSignalFeed(store);
  const onEvent = (e: FleetEvent): void => {
    stopSignals.observe(e);
    opts.onEvent?.(e);
  };
  const watchers = fleet.targets.map(
    (t) => new HostWatcher(t.api, store, { timeoutMs, onEvent, clock, roleLabel: config.settings.roleLabel }),
  );
  const apis = new Map(fleet.targets.map((t) => [t.identity.name, t.api]));
  const sampler = new StatsSampler(apis, store, { clock });
  const health = new HealthMonitor(apis, store, { thresholds: config.settings.storage, timers: clock });
  for (const w of watchers) w.start();
  // What happened before we started (a container restarted a minute ago) fills Events too. It
  // is read up to the moment we started, so reading it once the first round settled loses nothing.
  const cancelHistory =
    opts.historyMs === 0
      ? () => undefined
      : afterFirstRound(store, clock, HISTORY_AFTER_MAX_MS, () => {
          void loadFleetHistory(
            fleet.targets.map((t) => t.api),
            { now, ...(opts.historyMs ? { spanMs: opts.historyMs } : {}) },
          ).then(
            (h) => store.addHistory(h.events, h.reach),
            () => undefined,
          );
        });
  sampler.start();
  health.start();
  return {
    config,
    store,
    targets: fleet.targets,
    apis,
    sampler,
    health,
    swarms,
    refresh: async (host) => {
      await Promise.all(
        watchers.filter((w) => host === undefined || w.name === host).map((w) => w.refresh()),
      );
    },
    close: async () => {
      cancelHistory();
      sampler.stop();
      health.stop();
      for (const w of watchers) w.stop();
      swarms.stop();
      await fleet.close();
    },
  };
}
