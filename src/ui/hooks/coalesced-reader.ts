import type { FleetReader, FleetSnapshot } from '../../fleet/snapshot.js';

/** Timers of the coalescer; tests pass manual ones. */
export interface CoalesceTimers {
  now(): number;
  after(ms: number, fn: () => void): () => void;
}

const realTimers: CoalesceTimers = {
  now: () => performance.now(),
  after(ms, fn) {
    const timer = setTimeout(fn, ms);
    return () => clearTimeout(timer);
  },
};

/**
 * The store as the UI renders it: at most one new snapshot per `minIntervalMs`. The store
 * publishes on every event, ping and sample (dozens a second on 100 hosts); each publication was a
 * render of the whole dashboard, and a key's render queued behind them. Here the first change
 * after a quiet spell goes through at once (one event shows without delay), later ones within the
 * interval wait for its end and go through together, as the latest snapshot. The interval may
 * depend on the latest snapshot and the one on screen (shorter while hosts are connecting).
 */
export function coalescedReader(
  reader: FleetReader,
  minIntervalMs: number | ((latest: FleetSnapshot, shown: FleetSnapshot) => number),
  timers: CoalesceTimers = realTimers,
): FleetReader {
  const intervalFor = typeof minIntervalMs === 'number' ? () => minIntervalMs : minIntervalMs;
  const listeners = new Set<() => void>();
  let held: FleetSnapshot = reader.getSnapshot();
  let lastAt = Number.NEGATIVE_INFINITY;
  let cancel: (() => void) | undefined;
  let unsubscribe: (() => void) | undefined;

  const deliver = (): void => {
    cancel = undefined;
    const next = reader.getSnapshot();
    if (next === held) return;
    held = next;
    lastAt = timers.now();
    for (const listener of [...listeners]) listener();
  };
  const onChange = (): void => {
    if (cancel) return; // a delivery is already due: it will take the latest snapshot
    const wait = lastAt + intervalFor(reader.getSnapshot(), held) - timers.now();
    if (wait <= 0) deliver();
    else cancel = timers.after(wait, deliver);
  };

  return {
    getSnapshot: () => (listeners.size === 0 ? reader.getSnapshot() : held),
    subscribe(listener) {
      if (listeners.size === 0) {
        held = reader.getSnapshot();
        unsubscribe = reader.subscribe(onChange);
      }
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
        if (listeners.size > 0) return;
        unsubscribe?.();
        unsubscribe = undefined;
        cancel?.();
        cancel = undefined;
      };
    },
  };
}
