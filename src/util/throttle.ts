/**
 * Coalesces bursts: `trigger()` runs `fn` at most once per `intervalMs`, always once more after the
 * last trigger (trailing edge), and never twice at the same time.
 */
export function throttle(fn: () => Promise<void> | void, intervalMs: number) {
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
    lastRun = Date.now();
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
    const wait = Math.max(0, lastRun + intervalMs - Date.now());
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
