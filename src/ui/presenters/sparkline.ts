const BARS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'] as const;

/** The last `width` values as bars scaled to `max` (default: the largest value shown). */
export function sparkline(values: readonly number[], width: number, max?: number): string {
  if (width <= 0) return '';
  const shown = values.slice(-width).filter((v) => Number.isFinite(v));
  if (shown.length === 0) return '';
  const top = max ?? Math.max(...shown);
  return shown
    .map((v) => {
      if (top <= 0) return BARS[0];
      const level = Math.round((Math.max(0, Math.min(v, top)) / top) * (BARS.length - 1));
      return BARS[level] ?? BARS[0];
    })
    .join('');
}

/** Element-wise sum of several histories aligned on their newest value (a role's total CPU). */
export function sumHistories(histories: ReadonlyArray<readonly number[]>, width: number): number[] {
  const out = new Array<number>(width).fill(0);
  let longest = 0;
  for (const h of histories) {
    const tail = h.slice(-width);
    longest = Math.max(longest, tail.length);
    const offset = width - tail.length;
    tail.forEach((v, i) => {
      out[offset + i] = (out[offset + i] ?? 0) + v;
    });
  }
  return out.slice(width - longest);
}
