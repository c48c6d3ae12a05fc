import { describe, expect, it } from 'vitest';
import type { DockerHostApi } from '../../../src/docker/host-api.js';
import { containerKey } from '../../../src/domain/container.js';
import type { HostVitals, StorageHealth } from '../../../src/domain/health/types.js';
import type { HostStatus } from '../../../src/domain/host.js';
import type { CollectStorageOptions } from '../../../src/fleet/health/storage.js';
import { HealthMonitor } from '../../../src/fleet/health/monitor.js';
import { ManualClock } from '../../support/manual-clock.js';
import { StopSignalFeed } from '../../../src/fleet/health/stop-signal-feed.js';
import { FleetStore } from '../../../src/fleet/store.js';
import { FakeHostApi, makeContainer } from '../../support/fake-host-api.js';
import { recordedEvents } from './recorded-events.js';

class ManualTimers extends ManualClock {
  constructor(time = 1_000_000) {
    super(time);
  }
}

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

function storageOf(host: string, checkedAt: number, extra: Partial<StorageHealth> = {}): StorageHealth {
  return {
    host,
    driver: 'overlay2',
    dockerRootDir: '/var/lib/docker',
    verdict: 'ok',
    findings: [],
    driverStatus: [],
    detail: { kind: 'overlay', status: { supportsDType: true } },
    unread: [],
    checkedAt,
    ...extra,
  };
}

function vitalsOf(host: string, checkedAt: number): HostVitals {
  return { host, load: { one: 0.5, five: 0.4, fifteen: 0.3 }, filesystems: [], unread: [], checkedAt };
}

const DF = {
  images: { count: 3, active: 1, sizeBytes: 300, reclaimableBytes: 200 },
  containers: { count: 1, active: 1, sizeBytes: 10, reclaimableBytes: 0 },
  volumes: { count: 0, active: 0, sizeBytes: 0, reclaimableBytes: 0 },
  buildCache: { count: 0, active: 0, sizeBytes: 0, reclaimableBytes: 0 },
};

/** Records every collector call; answers at once unless `hold` is set. */
class FakeCollectors {
  storageCalls: Array<{ host: string; opts: CollectStorageOptions }> = [];
  vitalsCalls: Array<{ host: string; paths: readonly string[] }> = [];
  localCalls = 0;
  active = 0;
  maxActive = 0;
  hold?: Promise<void>;
  constructor(private readonly timers: ManualTimers) {}

  private async busy<T>(value: () => T): Promise<T> {
    this.active++;
    this.maxActive = Math.max(this.maxActive, this.active);
    try {
      if (this.hold) await this.hold;
      return value();
    } finally {
      this.active--;
    }
  }
  storage = (api: DockerHostApi, _t: unknown, opts: CollectStorageOptions) => {
    this.storageCalls.push({ host: api.name, opts });
    return this.busy(() =>
      storageOf(api.name, this.timers.now(), {
        diskUsage: opts.withDiskUsage ? { df: DF, totalBytes: 310, reclaimableBytes: 200 } : undefined,
        findings: opts.withDiskUsage ? [{ level: 'ok', message: `${api.name}: 200 B reclaimable` }] : [],
      }),
    );
  };
  vitals = (api: DockerHostApi, opts: { paths?: readonly string[] }) => {
    this.vitalsCalls.push({ host: api.name, paths: opts.paths ?? [] });
    return this.busy(() => vitalsOf(api.name, this.timers.now()));
  };
  local = () => {
    this.localCalls++;
    return Promise.resolve(vitalsOf('local', this.timers.now()));
  };
}

/** Advances second by second, letting each tick's work finish (as real hosts answer in time). */
async function elapse(timers: ManualTimers, monitor: HealthMonitor, seconds: number): Promise<void> {
  for (let s = 0; s < seconds; s++) {
    timers.advance(1_000);
    await monitor.idle();
  }
}

function fleet(
  names: string[],
  down: string[] = [],
  staggerPerHostMs = 0,
  perHost: { storagePerHostMs?: number; vitalsPerHostMs?: number } = {},
) {
  const hosts: HostStatus[] = names.map((name) => ({
    name,
    address: `root@${name}:22`,
    state: down.includes(name) ? 'unreachable' : 'up',
    since: 0,
  }));
  const store = new FleetStore(hosts);
  const apis = new Map<string, DockerHostApi>(names.map((n) => [n, new FakeHostApi(n)]));
  const timers = new ManualTimers();
  const collectors = new FakeCollectors(timers);
  const monitor = new HealthMonitor(apis, store, {
    timers,
    collectors,
    concurrency: 2,
    staggerPerHostMs,
    ...perHost,
  });
  return { store, timers, collectors, monitor };
}

describe('HealthMonitor', () => {
  it('collects storage, vitals and local vitals on their own cadences into the store', async () => {
    const { store, timers, collectors, monitor } = fleet(['a']);
    monitor.start();
    await monitor.idle();
    expect(collectors.storageCalls).toHaveLength(1);
    expect(collectors.vitalsCalls).toHaveLength(1);
    expect(collectors.localCalls).toBe(1);
    const snap = store.getSnapshot();
    expect(snap.storage?.get('a')?.verdict).toBe('ok');
    expect(snap.vitals?.get('a')?.load?.one).toBe(0.5);
    expect(snap.local?.host).toBe('local');
    // The data root learnt from the storage check is df'd with the root filesystem.
    expect(collectors.vitalsCalls[0]?.paths).toEqual(['/', '/var/lib/docker']);

    await elapse(timers, monitor, 59);
    expect(collectors.storageCalls).toHaveLength(1);
    expect(collectors.vitalsCalls).toHaveLength(4); // 0, 15, 30, 45 s
    expect(collectors.localCalls).toBe(12); // every 5 s up to 55 s
    timers.advance(1_000);
    await monitor.idle();
    expect(collectors.storageCalls).toHaveLength(2);
    expect(collectors.vitalsCalls).toHaveLength(5);
  });

  it('reads /system/df only every 10 minutes and carries its figures into the checks between', async () => {
    const { store, timers, collectors, monitor } = fleet(['a']);
    monitor.start();
    await monitor.idle();
    await elapse(timers, monitor, 60);
    expect(collectors.storageCalls.map((c) => c.opts.withDiskUsage)).toEqual([true, false]);
    const carried = store.getSnapshot().storage?.get('a');
    expect(carried?.checkedAt).toBe(timers.now());
    expect(carried?.diskUsage?.reclaimableBytes).toBe(200);
    expect(carried?.findings.map((f) => f.message)).toEqual([expect.stringContaining('reclaimable')]);
    await elapse(timers, monitor, 9 * 60);
    expect(collectors.storageCalls.map((c) => c.opts.withDiskUsage).filter(Boolean)).toHaveLength(2);
    monitor.stop();
  });

  it('never starts a second job on a host whose check is still running', async () => {
    const { timers, collectors, monitor } = fleet(['a']);
    const gate = deferred<void>();
    collectors.hold = gate.promise;
    monitor.start();
    for (let s = 0; s < 180; s++) {
      timers.advance(1_000);
      await new Promise((r) => setImmediate(r));
    }
    expect(collectors.storageCalls).toHaveLength(1);
    // Storage then vitals, one after the other: the vitals call has not started yet.
    expect(collectors.vitalsCalls).toHaveLength(0);
    gate.resolve();
    await monitor.idle();
    expect(collectors.vitalsCalls).toHaveLength(1);
    expect(collectors.maxActive).toBe(1);
    timers.advance(1_000);
    await monitor.idle();
    expect(collectors.storageCalls).toHaveLength(2);
    monitor.stop();
  });

  it('bounds how many hosts are checked at once and skips hosts that are not up', async () => {
    const { collectors, monitor } = fleet(['a', 'b', 'c', 'd', 'e', 'down'], ['down']);
    const gate = deferred<void>();
    collectors.hold = gate.promise;
    monitor.start();
    await new Promise((r) => setImmediate(r));
    expect(collectors.active).toBe(2);
    gate.resolve();
    await monitor.idle();
    expect(collectors.maxActive).toBe(2);
    expect(collectors.storageCalls.map((c) => c.host).sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
    monitor.stop();
  });

  it('spreads the first checks of a big fleet over time, and the later rounds stay spread', async () => {
    const names = Array.from({ length: 100 }, (_, i) => `h${i}`);
    // Fixed cadences here (the fleet-size stretch is the next test's).
    const fixed = { storagePerHostMs: 0, vitalsPerHostMs: 0 };
    const { timers, collectors, monitor } = fleet(names, [], 250, fixed);
    monitor.start();
    await monitor.idle();
    expect(collectors.storageCalls.map((c) => c.host)).toEqual(['h0']);
    const perSecond: number[] = [];
    for (let s = 0; s < 90; s++) {
      const before = collectors.storageCalls.length;
      await elapse(timers, monitor, 1);
      perSecond.push(collectors.storageCalls.length - before);
    }
    // 100 hosts over 25 s (250 ms each), then the next round 60 s after each host's first.
    expect(new Set(collectors.storageCalls.slice(0, 100).map((c) => c.host)).size).toBe(100);
    expect(Math.max(...perSecond)).toBeLessThanOrEqual(4);
    expect(collectors.storageCalls).toHaveLength(100 + perSecond.slice(59).reduce((a, b) => a + b, 0));
    expect(collectors.vitalsCalls.length).toBeGreaterThan(100);
    monitor.stop();
  });

  it('stretches the cadences with the fleet: 100 hosts read vitals every 40 s and storage every 100 s', async () => {
    const names = Array.from({ length: 100 }, (_, i) => `h${i}`);
    const { timers, collectors, monitor } = fleet(names, [], 250);
    monitor.start();
    await monitor.idle();
    await elapse(timers, monitor, 200);
    const callsOf = (calls: Array<{ host: string }>, host: string) =>
      calls.filter((c) => c.host === host).length;
    // h0 is checked at 0 s; vitals then at 40, 80, … 200 s and storage at 100 and 200 s.
    expect(callsOf(collectors.vitalsCalls, 'h0')).toBe(6);
    expect(callsOf(collectors.storageCalls, 'h0')).toBe(3);
    // Fleet-wide at most one vitals read per 400 ms on average over the run (plus the first round).
    expect(collectors.vitalsCalls.length).toBeLessThanOrEqual(100 + 200_000 / 400);
    // A small fleet keeps the base intervals.
    const small = fleet(['a', 'b'], [], 250);
    small.monitor.start();
    await small.monitor.idle();
    await elapse(small.timers, small.monitor, 60);
    expect(callsOf(small.collectors.vitalsCalls, 'a')).toBe(5); // 0, 15, 30, 45, 60 s
    monitor.stop();
    small.monitor.stop();
  });

  it('keeps the last storage check when /info fails, and stop() ends the ticking', async () => {
    const { store, timers, collectors, monitor } = fleet(['a']);
    monitor.start();
    await monitor.idle();
    collectors.storage = () => Promise.reject(new Error('a: connection lost'));
    await elapse(timers, monitor, 60);
    expect(store.getSnapshot().storage?.get('a')?.verdict).toBe('ok');
    monitor.stop();
    expect(timers.active).toBe(0);
  });
});

describe('StopSignalFeed', () => {
  it('flags a container whose docker stop ended in SIGKILL, and drops it when destroyed', () => {
    const store = new FleetStore([{ name: 'lab-0', address: 'x', state: 'up', since: 0 }]);
    const feed = new StopSignalFeed(store);
    const events = recordedEvents('events-docker-stop-sigignore.jsonl');
    const kill = events.find((e) => e.action === 'kill' && e.attributes['name'] === 'sigignore');
    if (!kill) throw new Error('recording has no kill of sigignore');
    const versionBefore = store.getSnapshot().version;
    for (const e of events) feed.observe(e);
    const key = containerKey({ host: 'lab-0', id: kill.actorId });
    expect(store.getSnapshot().ignoresStopSignal?.has(key)).toBe(true);
    // Exec noise of other containers does not publish new snapshots.
    expect(store.getSnapshot().version - versionBefore).toBe(1);
    feed.observe({ ...kill, action: 'destroy', attributes: {} });
    expect(store.getSnapshot().ignoresStopSignal?.has(key)).toBe(false);
  });

  it('the store forgets the flag of a container no longer listed', () => {
    const store = new FleetStore([{ name: 'lab-0', address: 'x', state: 'up', since: 0 }]);
    store.setIgnoresStopSignal('lab-0/abc', true);
    store.setIgnoresStopSignal('lab-0/def', true);
    const before = store.getSnapshot().ignoresStopSignal;
    store.setContainers('lab-0', [{ ...makeContainer('lab-0', 'keep'), id: 'def' }]);
    expect([...(store.getSnapshot().ignoresStopSignal ?? [])]).toEqual(['lab-0/def']);
    // Snapshots are immutable: the earlier one still holds what it held.
    expect(before?.size).toBe(2);
  });

  it('does not flag a container that exits on its stop signal', () => {
    const store = new FleetStore([{ name: 'lab-0', address: 'x', state: 'up', since: 0 }]);
    const feed = new StopSignalFeed(store);
    for (const e of recordedEvents('events-docker-stop-siglog.jsonl')) feed.observe(e);
    expect(store.getSnapshot().ignoresStopSignal?.size).toBe(0);
  });
});
