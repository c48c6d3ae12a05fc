import { describe, expect, it } from 'vitest';
import type { HostStatus } from '../../../src/domain/host.js';
import { GroupedMapBuilder, groupOf } from '../../../src/fleet/grouped-map.js';
import { FleetStore } from '../../../src/fleet/store.js';
import { makeContainer } from '../../support/fake-host-api.js';

const host = (name: string): HostStatus => ({ name, address: name, state: 'up', since: 0 });
const usage = (memBytes: number) => ({
  memBytes,
  memLimitBytes: 2,
  cpuHistory: [],
  memHistory: [],
  sampledAt: 0,
});

describe('GroupedMap', () => {
  it('groups container keys by host (the part before the last slash)', () => {
    expect(groupOf('web-1/abc')).toBe('web-1');
    expect(groupOf('no-slash')).toBe('');
  });

  it('reads like a Map, and a published map never changes', () => {
    const b = new GroupedMapBuilder<number>();
    b.set('a/1', 1);
    b.set('b/1', 2);
    const first = b.publish();
    b.set('a/1', 10);
    b.set('a/2', 20);
    b.retainInGroup('b', () => false);
    const second = b.publish();
    expect(first.get('a/1')).toBe(1);
    expect([...first]).toEqual([
      ['a/1', 1],
      ['b/1', 2],
    ]);
    expect(first.size).toBe(2);
    expect(new Map(second)).toEqual(
      new Map([
        ['a/1', 10],
        ['a/2', 20],
      ]),
    );
    expect(second.size).toBe(2);
    expect(second.has('b/1')).toBe(false);
    expect([...second.keys()]).toEqual(['a/1', 'a/2']);
    const seen: string[] = [];
    second.forEach((v, k) => seen.push(`${k}=${v}`));
    expect(seen).toEqual(['a/1=10', 'a/2=20']);
  });

  it('publishes the same object while nothing changed', () => {
    const b = new GroupedMapBuilder<number>();
    b.set('a/1', 1);
    const first = b.publish();
    b.retainInGroup('a', () => true);
    expect(b.publish()).toBe(first);
  });
});

describe('FleetStore snapshots share what did not change', () => {
  it('a usage sample shares the host and container lists and every other host’s usage', () => {
    const store = new FleetStore([host('a'), host('b')]);
    const ca = makeContainer('a', 'web-1');
    const cb = makeContainer('b', 'web-1');
    store.setContainers('a', [ca]);
    store.setContainers('b', [cb]);
    store.setUsage(`a/${ca.id}`, usage(1));
    store.setUsage(`b/${cb.id}`, usage(2));
    const before = store.getSnapshot();
    store.setUsage(`a/${ca.id}`, usage(3));
    const after = store.getSnapshot();
    expect(after).not.toBe(before);
    expect(after.containers).toBe(before.containers);
    expect(after.hosts).toBe(before.hosts);
    expect(after.events).toBe(before.events);
    expect(before.usage.get(`a/${ca.id}`)?.memBytes).toBe(1);
    expect(after.usage.get(`a/${ca.id}`)?.memBytes).toBe(3);
    expect(after.usage.get(`b/${cb.id}`)).toBe(before.usage.get(`b/${cb.id}`));
    store.updateHost('b', { latencyMs: 3 });
    expect(store.getSnapshot().hosts).not.toBe(after.hosts);
    expect(store.getSnapshot().hosts[1]?.latencyMs).toBe(3);
    expect(Object.isFrozen(store.getSnapshot().containers)).toBe(true);
  });
});

describe('GroupedMapBuilder under container churn', () => {
  it('keeps sizes and older maps right while entries come, go, come back and get compacted', () => {
    const b = new GroupedMapBuilder<number>();
    for (let i = 0; i < 20; i++) b.set(`h/${i}`, i);
    const full = b.publish();
    b.retainInGroup('h', (k) => Number(k.slice(2)) >= 15);
    const trimmed = b.publish();
    b.set('h/3', 33);
    b.set('h/new', 99);
    const last = b.publish();
    expect(full.size).toBe(20);
    expect(full.get('h/3')).toBe(3);
    expect(full.get('h/new')).toBeUndefined();
    expect(trimmed.size).toBe(5);
    expect(trimmed.get('h/3')).toBeUndefined();
    expect(trimmed.get('h/16')).toBe(16);
    expect(last.size).toBe(7);
    expect(new Map(last)).toEqual(
      new Map([
        ['h/15', 15],
        ['h/16', 16],
        ['h/17', 17],
        ['h/18', 18],
        ['h/19', 19],
        ['h/3', 33],
        ['h/new', 99],
      ]),
    );
  });
});
