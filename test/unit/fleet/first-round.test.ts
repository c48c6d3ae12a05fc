import { describe, expect, it } from 'vitest';
import { afterFirstRound } from '../../../src/fleet/first-round.js';
import { FleetStore } from '../../../src/fleet/store.js';
import { ManualClock } from '../../support/manual-clock.js';

const twoHosts = () =>
  new FleetStore([
    { name: 'a', address: 'a', state: 'connecting', since: 0 },
    { name: 'b', address: 'b', state: 'connecting', since: 0 },
  ]);

/** Two connecting hosts, a manual clock, and afterFirstRound counting its runs. */
function waiting(maxWaitMs = 10_000) {
  const store = twoHosts();
  const clock = new ManualClock();
  const counter = { runs: 0 };
  const cancel = afterFirstRound(store, clock, maxWaitMs, () => counter.runs++);
  return { store, clock, counter, cancel };
}

describe('afterFirstRound', () => {
  it('runs once every host answered or failed its first connect, and only once', () => {
    const { store, clock, counter } = waiting();
    store.updateHost('a', { state: 'up' });
    expect(counter.runs).toBe(0);
    store.updateHost('b', { state: 'unreachable' });
    expect(counter.runs).toBe(1);
    store.updateHost('b', { state: 'connecting' });
    store.updateHost('b', { state: 'up' });
    clock.advance(20_000);
    expect(counter.runs).toBe(1);
    expect(clock.active).toBe(0);
  });

  it('runs after the longest wait when a host is still connecting', () => {
    const { store, clock, counter } = waiting();
    store.updateHost('a', { state: 'up' });
    clock.advance(9_999);
    expect(counter.runs).toBe(0);
    clock.advance(1);
    expect(counter.runs).toBe(1);
  });

  it('runs at once when nothing is connecting, and not at all once cancelled', () => {
    const clock = new ManualClock();
    let runs = 0;
    afterFirstRound(new FleetStore([]), clock, 10_000, () => runs++);
    expect(runs).toBe(1);
    const cancelled = waiting();
    cancelled.cancel();
    cancelled.store.updateHost('a', { state: 'up' });
    cancelled.store.updateHost('b', { state: 'up' });
    cancelled.clock.advance(20_000);
    expect(cancelled.counter.runs).toBe(0);
  });
});
