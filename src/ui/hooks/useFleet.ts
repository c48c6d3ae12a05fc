import { useSyncExternalStore } from 'react';
import type { FleetReader, FleetSnapshot } from '../../fleet/snapshot.js';

/** The current fleet snapshot; re-renders when the store publishes a new one. */
export function useFleet(reader: FleetReader): FleetSnapshot {
  return useSyncExternalStore(reader.subscribe, reader.getSnapshot, reader.getSnapshot);
}
