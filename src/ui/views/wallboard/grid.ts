/*
 * Where tiles go: a grid that fills the area it is given, at any terminal size. Pure arithmetic,
 * no theme: the painter draws into the cells this returns.
 */

export interface TileGrid {
  columns: number;
  rows: number;
  /** Widths of the columns and heights of the rows: they add up to the area's exactly. */
  widths: number[];
  heights: number[];
  perPage: number;
}

/** The smallest tile that still reads: a title bar, three lines, a bottom border. */
export const MIN_TILE = { width: 22, height: 5 } as const;
/** A terminal cell is about twice as tall as it is wide: a square tile is 2 columns per row. */
const CELL_ASPECT = 2.2;

/** `total` split into `parts` sizes that differ by at most one and add up to `total`. */
export function splitEvenly(total: number, parts: number): number[] {
  const n = Math.max(1, parts);
  const base = Math.floor(total / n);
  const extra = total - base * n;
  return Array.from({ length: n }, (_, i) => base + (i < extra ? 1 : 0));
}

function gridOf(columns: number, rows: number, width: number, height: number): TileGrid {
  return {
    columns,
    rows,
    widths: splitEvenly(width, columns),
    heights: splitEvenly(height, rows),
    perPage: columns * rows,
  };
}

/**
 * The grid for `count` tiles in `width`×`height` cells. When all fit at MIN_TILE, the shape whose
 * tiles are largest (their shorter side, in square terms), then the one leaving fewest empty
 * cells; otherwise the most tiles a page holds, and the pages rotate.
 */
export function chooseGrid(count: number, width: number, height: number, min = MIN_TILE): TileGrid {
  const maxColumns = Math.max(1, Math.floor(width / min.width));
  const maxRows = Math.max(1, Math.floor(height / min.height));
  if (count <= 0) return gridOf(1, 1, width, height);
  if (count > maxColumns * maxRows) return gridOf(maxColumns, maxRows, width, height);
  let best: { columns: number; rows: number; score: number; empty: number } | undefined;
  for (let columns = 1; columns <= Math.min(maxColumns, count); columns++) {
    const rows = Math.ceil(count / columns);
    if (rows > maxRows) continue;
    const score = Math.min(width / columns / CELL_ASPECT, height / rows);
    const empty = columns * rows - count;
    if (!best || score > best.score + 1e-9 || (Math.abs(score - best.score) <= 1e-9 && empty < best.empty))
      best = { columns, rows, score, empty };
  }
  const chosen = best ?? { columns: maxColumns, rows: maxRows };
  return gridOf(chosen.columns, chosen.rows, width, height);
}

/** Splits items into pages of at most `perPage`; always at least one (possibly empty) page. */
export function paginate<T>(items: readonly T[], perPage: number): T[][] {
  const size = Math.max(1, perPage);
  const pages: T[][] = [];
  for (let i = 0; i < items.length; i += size) pages.push(items.slice(i, i + size));
  return pages.length > 0 ? pages : [[]];
}
