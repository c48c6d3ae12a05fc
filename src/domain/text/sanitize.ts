// ESC-introduced sequences: CSI (ESC [ … final), OSC/DCS/PM/APC/SOS strings (ended by BEL or ESC \),
// and two-byte escapes. Also the 8-bit C1 forms (0x9B CSI, 0x9D OSC…) some programs emit.
const ESCAPES =
  // eslint-disable-next-line no-control-regex
  /\x1b\[[0-?]*[ -/]*[@-~]|\x9b[0-?]*[ -/]*[@-~]|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?|\x1b[ -/]*[0-~]?/g;
// C0 controls except tab, DEL, and C1 controls left after removing sequences.
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\x00-\x08\x0a-\x1f\x7f-\x9f]/g;
// Bidirectional overrides and isolates reorder what follows them on screen: a label could make a
// confirmation read differently from what it says ("Trojan Source").
const BIDI = /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/g;
// Line and paragraph separators break a row the way a newline would.
const SEPARATORS = /[\u2028\u2029]/g;

/**
 * Makes a string from a daemon, a label, a file or a container safe to print in our terminal:
 * escape sequences are removed whole (so colour codes do not leave `[31m` litter), every other
 * control character except tab is dropped, and so are bidi overrides — so a string cannot move the
 * cursor, retitle the window, switch screens, ring the bell or reorder what an operator reads.
 * The one sanitiser for all terminal output; `--json` prints raw values (JSON escapes them).
 */
export function sanitizeText(text: string): string {
  return text.replace(ESCAPES, '').replace(CONTROLS, '').replace(BIDI, '').replace(SEPARATORS, ' ');
}

/** Same as sanitizeText, but newlines and tabs become one space: for one-line cells and messages. */
export function sanitizeLine(text: string): string {
  return sanitizeText(text.replace(/[\t\r\n]+/g, ' '));
}

/** Container output: what sanitizeText keeps (log lines are split on newlines before this). */
export const sanitizeLogText = sanitizeText;

/** Tabs expanded to the next multiple of `width` columns; Ink measures tabs as one cell. */
export function expandTabs(text: string, width = 8): string {
  if (!text.includes('\t')) return text;
  let out = '';
  for (const ch of text) {
    if (ch === '\t') out += ' '.repeat(width - (out.length % width));
    else out += ch;
  }
  return out;
}
