import { describe, expect, it } from 'vitest';
import type { FleetSnapshot } from '../../../src/fleet/snapshot.js';
import type { HostStatus } from '../../../src/domain/host.js';
import { coalescedReader } from '../../../src/ui/hooks/coalesced-reader.js';
import { dataFrameFor, dataFrameMs } from '../../../src/ui/hooks/useFleet.js';
import { FakeFleet } from './support.js';

/** Manual timers: `advance` runs what fell due. */
function manualTimers() {
  let now = 0;
  let due: Array<{ at: number; fn: () => void }> = [];
  return {
    now: () => now,
    after(ms: number, fn: () => void) {
      const t = { at: now + ms, fn };
      due.push(t);
      return () => void (due = due.filter((d) => d !== t));
    },
    advance(ms: number) {
      now += ms;
      const ready = due.filter((d) => d.at <= now);
      due = due.filter((d) => d.at > now);
      for (const d of ready) d.fn();
    },
    pending: () => due.length,
  };
}

describe('coalescedReader', () => {
  it('passes the first change at once and the burst after it as one, the latest, at the end of the interval', () => {
    const fleet = new FakeFleet();
    const timers = manualTimers();
    const reader = coalescedReader(fleet, 250, timers);
    const seen: FleetSnapshot[] = [];
    reader.subscribe(() => seen.push(reader.getSnapshot()));
    fleet.publish({ updatedAt: 1 });
    expect(seen.map((s) => s.updatedAt)).toEqual([1]);
    fleet.publish({ updatedAt: 2 });
    fleet.publish({ updatedAt: 3 });
    expect(reader.getSnapshot().updatedAt).toBe(1); // held until the interval ends
    timers.advance(249);
    expect(seen).toHaveLength(1);
    timers.advance(1);
    expect(seen.map((s) => s.updatedAt)).toEqual([1, 3]);
    timers.advance(1000); // quiet: nothing more, and the next change goes through at once
    fleet.publish({ updatedAt: 4 });
    expect(seen.map((s) => s.updatedAt)).toEqual([1, 3, 4]);
  });

  it('reads the store directly while nobody listens, and leaves no timer behind an unsubscribe', () => {
    const fleet = new FakeFleet();
    const timers = manualTimers();
    const reader = coalescedReader(fleet, 250, timers);
    const stop = reader.subscribe(() => undefined);
    fleet.publish({ updatedAt: 1 });
    fleet.publish({ updatedAt: 2 });
    expect(timers.pending()).toBe(1);
    stop();
    expect(timers.pending()).toBe(0);
    fleet.publish({ updatedAt: 5 });
    expect(reader.getSnapshot().updatedAt).toBe(5);
  });
});

describe('data frames by fleet size', () => {
  const host = (i: number, state: HostStatus['state']): HostStatus => ({
    name: `h${i}`,
    address: `h${i}`,
    state,
    since: 0,
  });
  const hosts = (n: number, connecting = 0) =>
    Array.from({ length: n }, (_, i) => host(i, i < connecting ? 'connecting' : 'up'));

  it('waits 250 ms on a small fleet, 10 ms a host from 25 hosts, at most a second', () => {
    expect([1, 8, 25, 50, 100, 300].map(dataFrameMs)).toEqual([250, 250, 250, 500, 1000, 1000]);
  });

  it('uses the small interval while any host is connecting, and none for the last one to answer', () => {
    const fleet = new FakeFleet();
    const timers = manualTimers();
    const reader = coalescedReader(fleet, dataFrameFor, timers);
    const seen: number[] = [];
    reader.subscribe(() => seen.push(reader.getSnapshot().updatedAt));
    fleet.publish({ updatedAt: 1, hosts: hosts(100, 40) });
    fleet.publish({ updatedAt: 2, hosts: hosts(100, 20) });
    timers.advance(250);
    expect(seen).toEqual([1, 2]);
    // The last host answering shows at once, inside the interval.
    timers.advance(100);
    fleet.publish({ updatedAt: 3, hosts: hosts(100) });
    expect(seen).toEqual([1, 2, 3]);
    // All up: from now on a second between data frames.
    fleet.publish({ updatedAt: 4, hosts: hosts(100) });
    timers.advance(250);
    expect(seen).toEqual([1, 2, 3]);
    timers.advance(750);
    expect(seen).toEqual([1, 2, 3, 4]);
  });
});
