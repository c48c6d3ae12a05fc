import { useMemo } from 'react';
import type { FleetReader } from '../../fleet/snapshot.js';
import type { Theme } from '../../theme/index.js';
import type { Clock } from '../clock.js';
import { Lines } from '../components/Lines.js';
import { useFleet } from '../hooks/useFleet.js';
import { useNow } from '../hooks/useNow.js';
import { presentStorage } from '../presenters/storage.js';
import { storageLines } from './storage-lines.js';

export interface StorageViewProps {
  reader: FleetReader;
  theme: Theme;
  clock: Clock;
  width: number;
  /** Lines shown; the view scrolls by `offset`. */
  height: number;
  offset?: number | undefined;
}

/** Storage-driver health of every host, live from the store (the dashboard embeds its lines). */
export function StorageView({ reader, theme, clock, width, height, offset = 0 }: StorageViewProps) {
  const snapshot = useFleet(reader);
  const now = useNow(clock);
  const lines = useMemo(
    () =>
      storageLines(
        presentStorage(snapshot.hosts, snapshot.storage, now, undefined, snapshot.vitals),
        width,
        theme,
      ),
    [snapshot.hosts, snapshot.storage, now, width, theme],
  );
  return <Lines lines={lines.slice(offset, offset + height)} />;
}
