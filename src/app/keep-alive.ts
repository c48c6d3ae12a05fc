/**
 * Holds the process open until the returned function is called.
 *
 * The fleet's timers (reconnects, pings, health checks) are unref'd on purpose, so a CLI command
 * ends when its work is done. A dashboard is different: with every host down and stdin from
 * /dev/null nothing else keeps the event loop busy (no SSH socket, no TTY), and Node would end the
 * process — the wallboard would vanish in exactly the outage it is for. While the dashboard is
 * mounted it holds the loop itself; it ends on quit or a signal.
 */
export function holdProcessOpen(): () => void {
  // One timer that never fires within any session's life, ref'd: cheap, and clearly released.
  const timer = setInterval(() => undefined, 2 ** 30);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    clearInterval(timer);
  };
}
