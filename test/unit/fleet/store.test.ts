import { describe, expect, it } from 'vitest';
import { FleetStore } from '../../../src/fleet/store.js';
import type { HostStatus } from '../../../src/domain/host.js';
import { makeContainer } from '../../support/fake-host-api.js';

const host = (name: string): HostStatus => ({ name, address: name, state: 'connecting', since: 0 });

describe('FleetStore', () => {
  it('publishes a new frozen snapshot on every change and keeps host order', () => {
    let now = 100;
    const store = new FleetStore([host('b'), host('a')], { clock: { now: () => now } });
    const first = store.getSnapshot();
    let notified = 0;
    store.subscribe(() => notified++);
    store.setContainers('a', [makeContainer('a', 'web-2'), makeContainer('a', 'web-1')]);
    store.setContainers('b', [makeContainer('b', 'cron')]);
    const snap = store.getSnapshot();
    expect(snap).not.toBe(first);
    expect(first.containers).toHaveLength(0);
    expect(snap.containers.map((c) => `${c.host}/${c.name}`)).toEqual(['b/cron', 'a/web-1', 'a/web-2']);
    expect(snap.hosts.map((h) => h.name)).toEqual(['b', 'a']);
    expect(Object.isFrozen(snap)).toBe(true);
    expect(notified).toBe(2);
    now = 200;
    store.updateHost('a', { state: 'up' });
    expect(store.getSnapshot().hosts[1]).toMatchObject({ state: 'up', since: 200 });
    store.updateHost('a', { latencyMs: 4 });
    expect(store.getSnapshot().hosts[1]).toMatchObject({ state: 'up', since: 200, latencyMs: 4 });
  });

  it('clears the problem when a host comes back up', () => {
    const store = new FleetStore([host('a')]);
    store.updateHost('a', { state: 'unreachable', problem: { code: 'timeout', message: 'a: timeout' } });
    expect(store.getSnapshot().hosts[0]?.problem?.code).toBe('timeout');
    store.updateHost('a', { state: 'up' });
    expect(store.getSnapshot().hosts[0]?.problem).toBeUndefined();
  });

  it('batches many writes into one publication', () => {
    const store = new FleetStore([host('a')]);
    let notified = 0;
    store.subscribe(() => notified++);
    store.batch(() => {
      store.updateHost('a', { state: 'up' });
      store.setContainers('a', [makeContainer('a', 'x')]);
    });
    expect(notified).toBe(1);
  });

  it('keeps a bounded ring of events, newest first', () => {
    const store = new FleetStore([host('a')], { eventCap: 3 });
    for (let i = 0; i < 10; i++) {
      store.addEvent({
        host: 'a',
        time: i,
        type: 'container',
        action: 'start',
        actorId: String(i),
        attributes: {},
      });
    }
    expect(store.getSnapshot().events.map((e) => e.actorId)).toEqual(['9', '8', '7']);
  });

  it('forgets usage of containers that disappeared', () => {
    const store = new FleetStore([host('a')]);
    const c = makeContainer('a', 'web-1');
    store.setContainers('a', [c]);
    const usage = { memBytes: 1, memLimitBytes: 2, cpuHistory: [], memHistory: [], sampledAt: 0 };
    store.setUsage(`a/${c.id}`, usage);
    expect(store.getSnapshot().usage.size).toBe(1);
    store.setContainers('a', []);
    expect(store.getSnapshot().usage.size).toBe(0);
  });
});
