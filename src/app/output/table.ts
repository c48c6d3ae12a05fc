import { sanitizeLine } from '../../domain/text/sanitize.js';
import { displayWidth, truncateToWidth } from '../../domain/text/width.js';

/** A table column: its header and the most terminal columns one of its cells may take. */
export interface Column {
  header: string;
  max: number;
}

export interface TableOptions {
  /** `--no-headers`: rows only, for scripts that cut columns. */
  headers?: boolean;
}

/**
 * Renders rows as left-aligned columns separated by two spaces, like `docker ps`. Every cell is
 * sanitised here (it may hold a daemon's or a label's text: no escapes, controls, bidi overrides
 * or newlines reach the terminal), capped at its column's `max` and measured in terminal columns,
 * so CJK and emoji cells align and a cut never splits a wide character.
 */
export function renderTable(
  columns: readonly Column[],
  rows: readonly (readonly string[])[],
  opts: TableOptions = {},
): string {
  const fit = (cell: string | undefined, i: number): string =>
    truncateToWidth(sanitizeLine(cell ?? ''), columns[i]?.max ?? 0);
  const body = rows.map((r) => columns.map((_, i) => fit(r[i], i)));
  const head = columns.map((c, i) => fit(c.header, i));
  const all = opts.headers === false ? body : [head, ...body];
  const widths = columns.map((_, i) => Math.max(0, ...all.map((r) => displayWidth(r[i] ?? ''))));
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, i) =>
        i === cells.length - 1 ? cell : cell + ' '.repeat((widths[i] ?? 0) - displayWidth(cell)),
      )
      .join('  ')
      .trimEnd();
  return all.length === 0 ? '' : all.map(line).join('\n') + '\n';
}

/** `-o name`: one sanitised name per line, nothing else. */
export function renderNames(names: readonly string[]): string {
  return names.map((n) => sanitizeLine(n) + '\n').join('');
}

/** A column as row builders declare it: its cap in the default table and in `-o wide`. */
export interface ColumnSpec {
  header: string;
  max: number;
  wideMax: number;
  /** Shown in `-o wide` only. */
  wideOnly?: boolean;
}

/**
 * The table of `wide` or the default mode from full rows (one cell per spec, wide-only cells
 * included): the row builders describe every column once and the mode picks.
 */
export function renderModeTable(
  wide: boolean,
  specs: readonly ColumnSpec[],
  rows: readonly (readonly string[])[],
  opts: TableOptions = {},
): string {
  const shown = specs.flatMap((s, i) => (wide || !s.wideOnly ? [{ s, i }] : []));
  return renderTable(
    shown.map(({ s }) => ({ header: s.header, max: wide ? s.wideMax : s.max })),
    rows.map((r) => shown.map(({ i }) => r[i] ?? '')),
    opts,
  );
}
