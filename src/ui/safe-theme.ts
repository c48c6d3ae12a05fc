import { sanitizeLine } from '../domain/text/sanitize.js';
import type { Theme } from '../theme/index.js';

// Anything our sanitiser would change: C0/C1 controls (ESC, BEL, CR…), DEL, bidi and line separators.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/;
const SAFE = Symbol('inert');

/**
 * The theme every UI screen paints with: each text it paints is first made inert (escape sequences,
 * controls and bidi overrides removed — sanitizeLine), whatever a label, a daemon or a file put in
 * it. Every cell and line of every view goes through `paint`, so this is the one place the TUI
 * needs; the common case (nothing to strip) costs one regex test.
 */
export function inertTheme(theme: Theme): Theme {
  if ((theme as { [SAFE]?: true })[SAFE]) return theme;
  const paint: Theme['paint'] = (text, fg, options) =>
    theme.paint(UNSAFE.test(text) ? sanitizeLine(text) : text, fg, options);
  return { ...theme, paint, [SAFE]: true } as Theme;
}
