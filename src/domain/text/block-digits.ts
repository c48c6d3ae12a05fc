/*
 * Large digits for numbers read from across a room (the wallboard's headline counts): each glyph
 * is 3 rows of 3 columns drawn with box-drawing characters, so any terminal font shows them and
 * they need no colour to be read.
 */

/** Rows every block text has. */
export const BLOCK_ROWS = 3;
/** Columns between two glyphs. */
const GAP = ' ';

const GLYPHS: Readonly<Record<string, readonly [string, string, string]>> = {
  '0': ['┌─┐', '│ │', '└─┘'],
  '1': ['╶┐ ', ' │ ', '╶┴╴'],
  '2': ['╶─┐', '┌─┘', '└─╴'],
  '3': ['╶─┐', ' ─┤', '╶─┘'],
  '4': ['╷ ╷', '└─┤', '  ╵'],
  '5': ['┌─╴', '└─┐', '╶─┘'],
  '6': ['┌─╴', '├─┐', '└─┘'],
  '7': ['╶─┐', '  │', '  ╵'],
  '8': ['┌─┐', '├─┤', '└─┘'],
  '9': ['┌─┐', '└─┤', '╶─┘'],
  '/': ['  ╱', ' ╱ ', '╱  '],
  '-': ['   ', '╶─╴', '   '],
  '+': ['   ', '╶┼╴', '   '],
  '.': [' ', ' ', '╻'],
  ':': [' ', '╏', ' '],
  ' ': ['  ', '  ', '  '],
};

function glyphOf(ch: string): readonly [string, string, string] {
  // A character without a glyph (a letter, `%`) stays readable as itself on the middle row; one
  // that is not printable ASCII (maybe two columns wide) as `?`, so the rows keep one width.
  return GLYPHS[ch] ?? [' ', /^[\x21-\x7e]$/.test(ch) ? ch : '?', ' '];
}

/** `text` as BLOCK_ROWS lines of equal width (glyphs one column apart); [] for ''. */
export function blockText(text: string): string[] {
  const glyphs = [...text].map(glyphOf);
  if (glyphs.length === 0) return [];
  return [0, 1, 2].map((row) => glyphs.map((g) => g[row]).join(GAP));
}

/** Columns blockText(text) takes (box characters are one column each). */
export function blockTextWidth(text: string): number {
  const glyphs = [...text].map(glyphOf);
  if (glyphs.length === 0) return 0;
  return glyphs.reduce((sum, g) => sum + [...g[0]].length, 0) + glyphs.length - 1;
}
