import { useMemo, useSyncExternalStore } from 'react';
import type { FleetReader, FleetSnapshot } from '../../fleet/snapshot.js';
import { coalescedReader } from './coalesced-reader.js';

/**
 * Data-driven renders at most this often (4 a second): what the store says changes the screen
 * this late at most, keys are answered at once (their render does not wait for this).
 */
export const DATA_FRAME_MS = 250;

/** The current fleet snapshot; re-renders when the store publishes, at most once per `minIntervalMs`. */
export function useFleet(reader: FleetReader, minIntervalMs = DATA_FRAME_MS): FleetSnapshot {
  const coalesced = useMemo(
    () => (minIntervalMs > 0 ? coalescedReader(reader, minIntervalMs) : reader),
    [reader, minIntervalMs],
  );
  return useSyncExternalStore(coalesced.subscribe, coalesced.getSnapshot, coalesced.getSnapshot);
}
