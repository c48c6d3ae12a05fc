import { useEffect, useState } from 'react';
import type { Clock } from '../clock.js';

/** The clock's time, refreshed every `intervalMs` (the header clock and "updated N s ago"). */
export function useNow(clock: Clock, intervalMs = 1000): number {
  const [now, setNow] = useState(() => clock.now());
  useEffect(() => clock.every(intervalMs, () => setNow(clock.now())), [clock, intervalMs]);
  return now;
}
