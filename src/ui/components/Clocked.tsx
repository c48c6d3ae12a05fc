import type { ReactElement } from 'react';
import type { Clock } from '../clock.js';
import { useNow } from '../hooks/useNow.js';

/**
 * Renders its children with the clock's time, ticking every second by itself: the header clock
 * re-renders this leaf only, not the whole dashboard above it.
 */
export function Clocked({ clock, children }: { clock: Clock; children: (now: number) => ReactElement }) {
  const now = useNow(clock);
  return children(now);
}
