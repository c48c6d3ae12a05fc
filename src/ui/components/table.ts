import type { Theme, ThemeToken } from '../../theme/index.js';
import { fit } from '../presenters/format.js';
import { layoutColumns, MARKER_WIDTH, type Column } from './columns.js';

export interface TableInput<Row extends { key: string }> {
  columns: readonly Column<Row>[];
  rows: readonly Row[];
  selected: number;
  offset: number;
  height: number;
  width: number;
  theme: Theme;
  /** Shown instead of rows when there are none. */
  empty: string;
}

/**
 * Header line plus only the rows on screen (virtualised: cost does not grow with the fleet).
 * The selected row carries a `>` marker so it stays visible without colour.
 */
export function tableLines<Row extends { key: string }>(input: TableInput<Row>): string[] {
  const { columns, rows, selected, offset, height, width, theme } = input;
  const widths = layoutColumns(columns, width);
  const cells = (values: (i: number, w: number) => string): string =>
    columns
      .map((_, i) => ({ i, w: widths[i] ?? 0 }))
      .filter(({ w }) => w > 0)
      .map(({ i, w }) => values(i, w))
      .join(' ');
  const header =
    ' '.repeat(MARKER_WIDTH) + cells((i, w) => fit(columns[i]?.title ?? '', w, columns[i]?.align));
  const lines = [theme.paint(fit(header, width), 'accent', { bold: true })];
  if (rows.length === 0) {
    lines.push(theme.paint(fit(`  ${input.empty}`, width), 'text.dim'));
    return lines;
  }
  const end = Math.min(rows.length, offset + height);
  for (let r = offset; r < end; r++) {
    const row = rows[r];
    if (!row) continue;
    const isSelected = r === selected;
    if (isSelected) {
      const plain = '> ' + cells((i, w) => fit(columns[i]?.value(row) ?? '', w, columns[i]?.align));
      lines.push(theme.paint(fit(plain, width), 'selection.fg', { bg: 'selection.bg' }));
      continue;
    }
    // Neighbouring cells of the same tone are painted as one run: fewer escape codes per row means
    // fewer bytes over SSH and less for Ink to tokenize on every frame.
    const runs: Array<{ tone: ThemeToken; text: string }> = [];
    columns.forEach((column, i) => {
      const w = widths[i] ?? 0;
      if (w <= 0) return;
      const tone = column.tone?.(row) ?? 'text.primary';
      const text = fit(column.value(row), w, column.align);
      const last = runs.at(-1);
      if (last && last.tone === tone) last.text += ` ${text}`;
      else runs.push({ tone, text: runs.length > 0 ? ` ${text}` : text });
    });
    lines.push(' '.repeat(MARKER_WIDTH) + runs.map((r) => theme.paint(r.text, r.tone)).join(''));
  }
  return lines;
}
