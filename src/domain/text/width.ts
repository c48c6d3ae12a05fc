import stringWidth from 'string-width';

/*
 * Terminal cells, not UTF-16 units: CJK and emoji take two cells, combining marks none. Every
 * table cell and truncated line is measured here, so wide names align and a cut never splits a
 * grapheme. Input is plain text (run it through sanitizeText first: escapes are not measured).
 */

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const ELLIPSIS = '…';
// Most cells are printable ASCII, one column a character: measuring them by length keeps a
// frame of table cells cheap (string-width costs tens of µs a call).
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** Columns `text` takes on a terminal. */
export function displayWidth(text: string): number {
  return PRINTABLE_ASCII.test(text) ? text.length : stringWidth(text);
}

/** The longest prefix of `text` that fits in `width` columns, whole graphemes only. */
export function truncateToWidth(text: string, width: number, ellipsis = ELLIPSIS): string {
  if (width <= 0) return '';
  if (displayWidth(text) <= width) return text;
  const room = width - (ellipsis === ELLIPSIS ? 1 : displayWidth(ellipsis));
  if (room < 0) return ellipsis.slice(0, width);
  if (PRINTABLE_ASCII.test(text)) return text.slice(0, room) + ellipsis;
  let out = '';
  let used = 0;
  for (const { segment } of segmenter.segment(text)) {
    const w = stringWidth(segment);
    if (used + w > room) break;
    out += segment;
    used += w;
  }
  // A wide character that did not fit leaves one column: pad it so the cell keeps its width.
  return out + ellipsis + ' '.repeat(room - used);
}

/** Exactly `width` columns: truncated with an ellipsis, or padded on the right (left for 'right'). */
export function fitToWidth(text: string, width: number, align: 'left' | 'right' = 'left'): string {
  if (width <= 0) return '';
  if (PRINTABLE_ASCII.test(text)) {
    if (text.length > width) return text.slice(0, width - 1) + ELLIPSIS;
    const pad = ' '.repeat(width - text.length);
    return align === 'right' ? pad + text : text + pad;
  }
  const cut = truncateToWidth(text, width);
  const pad = ' '.repeat(Math.max(0, width - displayWidth(cut)));
  return align === 'right' ? pad + cut : cut + pad;
}
