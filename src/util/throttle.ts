import { systemClock, type Clock } from './clock.js';

/**
 * Coalesces bursts: `trigger()` runs `fn` at most once per `intervalMs`, always once more after the
 * last trigger (trailing edge), and never twice at the same time. Its timers are the given clock's
 * (tests drive them; the real one never holds the process open).
 */
export function throttle(
  fn: () => Promise<void> | void,
  intervalMs: number,
  clock: Pick<Clock, 'now' | 'after'> = systemClock,
) {
  let cancelTimer: (() => void) | undefined;
  let running = false;
  let pending = false;
  let lastRun = -Infinity;
  let stopped = false;

  const run = async (): Promise<void> => {
    cancelTimer = undefined;
    if (stopped) return;
    if (running) {
      pending = true;
      return;
    }
    running = true;
    lastRun = clock.now();
    try {
      await fn();
    } finally {
      running = false;
      if (pending && !stopped) {
        pending = false;
        schedule();
      }
    }
  };

  const schedule = (): void => {
    if (cancelTimer || stopped) return;
    const wait = Math.max(0, lastRun + intervalMs - clock.now());
    cancelTimer = clock.after(wait, () => void run());
  };

  return {
    trigger: schedule,
    /** Runs now (still never concurrently), e.g. after a reconnect. */
    flush: (): Promise<void> => {
      cancelTimer?.();
      cancelTimer = undefined;
      return run();
    },
    stop: (): void => {
      stopped = true;
      cancelTimer?.();
      cancelTimer = undefined;
    },
  };
}
