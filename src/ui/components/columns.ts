import type { ThemeToken } from '../../theme/index.js';

export interface Column<Row> {
  id: string;
  title: string;
  /** Narrowest useful width. */
  min: number;
  /** Widest it grows to when space is left (default: min). */
  max?: number;
  align?: 'left' | 'right';
  /** Lower priority columns are dropped first when the terminal is narrow (default 1). */
  priority?: number;
  value(row: Row): string;
  tone?(row: Row): ThemeToken;
}

/** Width of the selection marker column plus one space between columns. */
export const MARKER_WIDTH = 2;

/**
 * Widths for `columns` within `width`: drop lowest-priority columns until the minimums fit, then grow
 * each column towards its max, in order. A width of 0 means the column is hidden.
 */
export function layoutColumns<Row>(columns: readonly Column<Row>[], width: number): number[] {
  const shown = columns.map(() => true);
  const needed = (): number =>
    columns.reduce((sum, c, i) => (shown[i] ? sum + c.min + 1 : sum), MARKER_WIDTH - 1);
  const byPriority = columns
    .map((c, i) => ({ p: c.priority ?? 1, i }))
    .sort((a, b) => a.p - b.p || b.i - a.i);
  for (const { i } of byPriority) {
    if (needed() <= width) break;
    if (shown.filter(Boolean).length <= 1) break;
    shown[i] = false;
  }
  const widths = columns.map((c, i) => (shown[i] ? c.min : 0));
  let spare = width - needed();
  // Spare width goes to the most important columns first (a state must not be cut to widen a host).
  const byImportance = columns
    .map((c, i) => ({ c, i }))
    .sort((a, b) => (b.c.priority ?? 1) - (a.c.priority ?? 1) || a.i - b.i);
  byImportance.forEach(({ c, i }) => {
    if (!shown[i] || spare <= 0) return;
    const grow = Math.min(spare, (c.max ?? c.min) - c.min);
    widths[i] = (widths[i] ?? 0) + grow;
    spare -= grow;
  });
  return widths;
}

/** First row shown so that `selected` is on screen, keeping the previous offset when possible. */
export function scrollOffset(previous: number, selected: number, height: number, total: number): number {
  if (height <= 0 || total <= height) return 0;
  let offset = Math.min(Math.max(0, previous), total - height);
  if (selected < offset) offset = selected;
  if (selected >= offset + height) offset = selected - height + 1;
  return Math.max(0, offset);
}
