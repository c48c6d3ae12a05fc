/**
 * How often a per-host health read comes round in a fleet of `hostCount` hosts: its own interval,
 * stretched so that the whole fleet asks at most one read per `perHostMs`. Each read is an SSH exec
 * whose session set-up and answer are decrypted on the UI thread; at 100 hosts a fixed 15 s vitals
 * cadence was ~7 execs a second, the largest part of the dashboard's idle CPU. A small fleet keeps
 * the base interval (8 hosts × 400 ms < 15 s); 100 hosts read vitals every 40 s, 300 every 2 min.
 */
export function fleetCadenceMs(baseMs: number, hostCount: number, perHostMs: number): number {
  if (baseMs <= 0 || perHostMs <= 0) return baseMs;
  return Math.max(baseMs, Math.max(0, hostCount) * perHostMs);
}
