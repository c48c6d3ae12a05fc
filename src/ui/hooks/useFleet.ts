import { useMemo, useSyncExternalStore } from 'react';
import { anyHostConnecting, type FleetReader, type FleetSnapshot } from '../../fleet/snapshot.js';
import { coalescedReader } from './coalesced-reader.js';

/**
 * Data-driven renders at most this often on a small fleet (4 a second): what the store says
 * changes the screen this late at most; keys are answered at once (their render does not wait).
 */
export const DATA_FRAME_MS = 250;
/** …and at most once a second from 100 hosts on (see dataFrameMs). */
export const LARGE_FLEET_DATA_FRAME_MS = 1_000;

/**
 * How long data may wait for the screen, by fleet size: 250 ms up to 25 hosts, then 10 ms per
 * host up to 1 s. A large fleet always has news (100 hosts: several events a second), so every
 * data frame is a whole render — alert line over 5,000 containers, layout, diff — and at 4 a
 * second those were about half of the dashboard's idle CPU at 100 hosts. A second is still well
 * inside what an operator reads as live (docker stats itself refreshes every 1–2 s), and the
 * first change after a quiet spell still shows at once.
 */
export function dataFrameMs(hosts: number): number {
  return Math.min(LARGE_FLEET_DATA_FRAME_MS, Math.max(DATA_FRAME_MS, hosts * 10));
}

/**
 * The default data-frame interval: by fleet size (dataFrameMs), but the small one while any host
 * is connecting — at start, "N/M up" counts up live, not once a second — and none for the change
 * that ends the connecting (every host answered or failed: the fleet is complete on screen now).
 */
export function dataFrameFor(latest: FleetSnapshot, shown: FleetSnapshot): number {
  if (anyHostConnecting(latest)) return DATA_FRAME_MS;
  return anyHostConnecting(shown) ? 0 : dataFrameMs(latest.hosts.length);
}

/**
 * The current fleet snapshot; re-renders when the store publishes, at most once per
 * `minIntervalMs` (default: dataFrameFor the latest snapshot).
 */
export function useFleet(reader: FleetReader, minIntervalMs?: number): FleetSnapshot {
  const coalesced = useMemo(
    () =>
      minIntervalMs === undefined
        ? coalescedReader(reader, dataFrameFor)
        : minIntervalMs > 0
          ? coalescedReader(reader, minIntervalMs)
          : reader,
    [reader, minIntervalMs],
  );
  return useSyncExternalStore(coalesced.subscribe, coalesced.getSnapshot, coalesced.getSnapshot);
}
