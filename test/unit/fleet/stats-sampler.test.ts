import { describe, expect, it } from 'vitest';
import { StatsSampler } from '../../../src/fleet/stats-sampler.js';
import { FleetStore } from '../../../src/fleet/store.js';
import { FakeHostApi, makeContainer } from '../../support/fake-host-api.js';

describe('StatsSampler', () => {
  it('samples only visible running containers and derives CPU% from successive samples', async () => {
    const api = new FakeHostApi('a');
    const store = new FleetStore([{ name: 'a', address: 'a', state: 'up', since: 0 }]);
    const web = makeContainer('a', 'web-1');
    const hidden = makeContainer('a', 'web-2');
    const stopped = makeContainer('a', 'cron', { state: 'exited' });
    store.setContainers('a', [web, hidden, stopped]);
    const sampler = new StatsSampler(new Map([['a', api]]), store);
    sampler.setVisible([`a/${web.id}`, `a/${stopped.id}`]);
    await sampler.sampleOnce();
    expect(api.callCount('statsOnce')).toBe(1);
    expect(store.getSnapshot().usage.get(`a/${web.id}`)?.cpuPercent).toBeUndefined();
    await sampler.sampleOnce();
    const usage = store.getSnapshot().usage.get(`a/${web.id}`);
    // 50 ms of CPU per 1 s of system time on 2 CPUs → 10 %.
    expect(usage?.cpuPercent).toBeCloseTo(10);
    expect(usage?.cpuHistory).toHaveLength(1);
    expect(usage?.memHistory).toHaveLength(2);
    expect(store.getSnapshot().usage.has(`a/${hidden.id}`)).toBe(false);
  });

  it('bounds the history', async () => {
    const api = new FakeHostApi('a');
    const store = new FleetStore([{ name: 'a', address: 'a', state: 'up', since: 0 }]);
    const web = makeContainer('a', 'web-1');
    store.setContainers('a', [web]);
    const sampler = new StatsSampler(new Map([['a', api]]), store, { historyLength: 5 });
    sampler.setVisible([`a/${web.id}`]);
    for (let i = 0; i < 12; i++) await sampler.sampleOnce();
    expect(store.getSnapshot().usage.get(`a/${web.id}`)?.memHistory).toHaveLength(5);
  });

  it('keeps a CPU figure when a row scrolls away and back, or a delta cannot be computed', async () => {
    const api = new FakeHostApi('a');
    const store = new FleetStore([{ name: 'a', address: 'a', state: 'up', since: 0 }]);
    const web = makeContainer('a', 'web-1');
    const other = makeContainer('a', 'web-2');
    store.setContainers('a', [web, other]);
    const key = `a/${web.id}`;
    const sampler = new StatsSampler(new Map([['a', api]]), store);
    sampler.setVisible([key]);
    await sampler.sampleOnce();
    await sampler.sampleOnce();
    expect(store.getUsage(key)?.cpuPercent).toBeCloseTo(10);
    // Scrolled away for a round, then back: the next sample still has a previous one to diff with.
    sampler.setVisible([`a/${other.id}`]);
    await sampler.sampleOnce();
    sampler.setVisible([key]);
    await sampler.sampleOnce();
    expect(store.getUsage(key)?.cpuPercent).toBeCloseTo(10);
    // The daemon answers with unchanged counters: no new delta, the last figure stays.
    const stuck = api.statsFor;
    api.statsFor = (id) => stuck(id, 3);
    await sampler.sampleOnce();
    expect(store.getUsage(key)?.cpuPercent).toBeCloseTo(10);
  });
});

describe('StatsSampler publication', () => {
  it('publishes a round of samples as one store change', async () => {
    const api = new FakeHostApi('a');
    const store = new FleetStore([{ name: 'a', address: 'a', state: 'up', since: 0 }]);
    const rows = Array.from({ length: 6 }, (_, i) => makeContainer('a', `web-${i}`));
    store.setContainers('a', rows);
    const sampler = new StatsSampler(new Map([['a', api]]), store);
    sampler.setVisible(rows.map((c) => `a/${c.id}`));
    let publications = 0;
    store.subscribe(() => publications++);
    await sampler.sampleOnce();
    expect(publications).toBe(1);
    expect(store.getSnapshot().usage.size).toBe(6);
  });
});
