// ESC-introduced sequences: CSI (ESC [ … final), OSC/DCS/PM/APC/SOS strings (ended by BEL or ESC \),
// and two-byte escapes. Also the 8-bit C1 forms (0x9B CSI, 0x9D OSC…) some programs emit.
const ESCAPES =
  // eslint-disable-next-line no-control-regex
  /\x1b\[[0-?]*[ -/]*[@-~]|\x9b[0-?]*[ -/]*[@-~]|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?|\x1b[ -/]*[0-~]?/g;
// C0 controls except tab, DEL, and C1 controls left after removing sequences.
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\x00-\x08\x0a-\x1f\x7f-\x9f]/g;

/**
 * Makes container output safe to print in our terminal: escape sequences are removed whole (so
 * colour codes do not leave `[31m` litter) and any other control character except tab is dropped,
 * so a log line cannot move the cursor, retitle the window, switch screens or ring the bell.
 */
export function sanitizeLogText(text: string): string {
  return text.replace(ESCAPES, '').replace(CONTROLS, '');
}

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
