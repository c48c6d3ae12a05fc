import type { Clock } from '../util/clock.js';
import { anyHostConnecting } from './snapshot.js';
import type { FleetStore } from './store.js';

/**
 * Calls `fn` once every host has answered or failed its first connect (none is `connecting`),
 * or after `maxWaitMs`, whichever comes first. Work that can wait (reading each daemon's event
 * history) then stays out of the start-up burst, where it would compete with the handshakes and
 * first lists for the one thread and push "all up" later. Returns a cancel.
 */
export function afterFirstRound(
  store: FleetStore,
  clock: Clock,
  maxWaitMs: number,
  fn: () => void,
): () => void {
  let done = false;
  const settled = () => !anyHostConnecting(store.getSnapshot());
  const fire = () => {
    if (done) return;
    done = true;
    unsubscribe();
    cancelTimer();
    fn();
  };
  const unsubscribe = store.subscribe(() => {
    if (settled()) fire();
  });
  const cancelTimer = clock.after(maxWaitMs, fire);
  if (settled()) fire();
  return () => {
    done = true;
    unsubscribe();
    cancelTimer();
  };
}
