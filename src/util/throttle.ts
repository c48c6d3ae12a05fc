import { systemClock, type Clock } from './clock.js';

/**
 * Coalesces bursts: `trigger()` runs `fn` at most once per `intervalMs`, always once more after the
 * last trigger (trailing edge), and never twice at the same time. The gap is measured on `clock`
 * (its owner's, so a test's fake clock decides it); the timer itself stays a plain one, ref'd as
 * before, since the system clock's timers are unref'd.
 */
export function throttle(
  fn: () => Promise<void> | void,
  intervalMs: number,
  clock: Pick<Clock, 'now'> = systemClock,
) {
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  let pending = false;
  let lastRun = 0;
  let stopped = false;

  const run = async (): Promise<void> => {
    timer = undefined;
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
    if (timer || stopped) return;
    const wait = Math.max(0, lastRun + intervalMs - clock.now());
    timer = setTimeout(() => void run(), wait);
  };

  return {
    trigger: schedule,
    /** Runs now (still never concurrently), e.g. after a reconnect. */
    flush: (): Promise<void> => {
      if (timer) clearTimeout(timer);
      timer = undefined;
      return run();
    },
    stop: (): void => {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
