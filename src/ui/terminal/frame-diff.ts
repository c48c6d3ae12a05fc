/**
 * Turns "the screen shows these lines" + "the next frame is these lines" into the fewest terminal
 * writes that get there: changed rows only, each addressed absolutely (CUP), so that the result
 * does not depend on where the terminal thinks the cursor is and never scrolls (no newline is written).
 */

const ESC = '\x1b';
/** Erase from the cursor to the end of the line. */
export const ERASE_LINE_END = `${ESC}[K`;
/** Synchronized update (mode 2026): terminals that know it show the frame at once; others ignore it. */
export const BEGIN_SYNC = `${ESC}[?2026h`;
export const END_SYNC = `${ESC}[?2026l`;

export function moveTo(row: number, column = 0): string {
  return `${ESC}[${row + 1};${column + 1}H`;
}

// CSI … final byte, OSC … BEL/ST, and two-byte escapes.
// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]/g;
// eslint-disable-next-line no-misleading-character-class
const ZERO_WIDTH = /[\p{Mn}\p{Me}\u200B-\u200F\uFE00-\uFE0F]/u;
const WIDE =
  /[\u1100-\u115F\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uA000-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6\u{1F300}-\u{1F64F}\u{1F900}-\u{1F9FF}\u{20000}-\u{3FFFD}]/u;

/** Columns a painted line takes on screen (escape codes take none; CJK and emoji take two). */
export function visibleWidth(line: string): number {
  let width = 0;
  for (const ch of line.replace(ANSI, '')) {
    if (ZERO_WIDTH.test(ch)) continue;
    width += WIDE.test(ch) ? 2 : 1;
  }
  return width;
}

const ANSI_AT = new RegExp(ANSI.source, 'y');
const RESET = `${ESC}[0m`;

/**
 * Cuts a painted line to `columns` with an ellipsis as its last column (as Ink's truncate does),
 * keeping escape codes and resetting the style at the cut. A line that fits is returned as is.
 */
export function truncateToWidth(line: string, columns: number): string {
  if (visibleWidth(line) <= columns) return line;
  if (columns <= 0) return '';
  let out = '';
  let width = 0;
  let i = 0;
  while (i < line.length) {
    ANSI_AT.lastIndex = i;
    const escape = ANSI_AT.exec(line);
    if (escape) {
      out += escape[0];
      i += escape[0].length;
      continue;
    }
    const ch = String.fromCodePoint(line.codePointAt(i) ?? 32);
    const w = ZERO_WIDTH.test(ch) ? 0 : WIDE.test(ch) ? 2 : 1;
    if (width + w > columns - 1) break;
    out += ch;
    width += w;
    i += ch.length;
  }
  return `${out}…${RESET}`;
}

/**
 * One row's bytes. Erase-to-end only when the text is narrower than the screen: after the last
 * column the cursor sits in the "pending wrap" state where an erase would wipe the last character.
 * A line wider than the screen is cut (a wrapped line would scroll the whole screen).
 */
function rowUpdate(row: number, line: string, columns: number): string {
  let width = visibleWidth(line);
  let text = line;
  if (width > columns) {
    text = truncateToWidth(line, columns);
    width = visibleWidth(text);
  }
  return moveTo(row) + text + (width < columns ? ERASE_LINE_END : '');
}

export interface FrameDiff {
  /** Bytes to write; '' when the screen already shows the frame. */
  output: string;
  /** Rows rewritten. */
  rows: number[];
}

/**
 * `previous` undefined means the screen content is unknown (first frame, after a resize): every
 * row is written. Lines beyond `rows` are never written.
 */
export function diffFrame(
  previous: readonly string[] | undefined,
  next: readonly string[],
  size: { columns: number; rows: number },
): FrameDiff {
  const height = Math.max(0, size.rows);
  const span = previous ? Math.min(height, Math.max(previous.length, next.length)) : height;
  const parts: string[] = [];
  const rows: number[] = [];
  for (let row = 0; row < span; row++) {
    const line = next[row] ?? '';
    if (previous && (previous[row] ?? '') === line) continue;
    parts.push(rowUpdate(row, line, size.columns));
    rows.push(row);
  }
  return { output: parts.join(''), rows };
}
