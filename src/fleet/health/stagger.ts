/**
 * When a host's first check is due, relative to when the monitor first saw it up: the i-th of n
 * hosts waits `i/n` of a spread of `perHostMs` per host (never more than the check's own interval).
 * At 100 hosts the storage and vitals checks (an `/info`, a `df` over SSH, decrypting and parsing
 * their answers) then start over 25 s instead of in one burst right after connecting — and, their
 * cadences being fixed, stay spread over every later round too. A lone host is checked at once.
 */
export function firstCheckDelayMs(
  index: number,
  count: number,
  intervalMs: number,
  perHostMs: number,
): number {
  if (count <= 1 || perHostMs <= 0 || index <= 0) return 0;
  const spread = Math.min(intervalMs, count * perHostMs);
  return Math.floor((Math.min(index, count - 1) / count) * spread);
}
