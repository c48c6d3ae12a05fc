/** Compact age or duration for cells and sentences: 42s, 5m, 3h, 36h, 12d (hours up to two days). */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h}h`;
  return `${Math.floor(h / 24)}d`;
}

/** A deadline or wait in a message: `12 s`, or `250 ms` below a second. */
export function formatWait(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${Math.round(ms / 1000)} s`;
}

/** `14:03:09` from a local time of day (the caller reads it from a Date: domain has no clock). */
export function formatTimeOfDay(hours: number, minutes: number, seconds: number): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${pad(hours)}:${pad(minutes)}:${pad(seconds)}`;
}
