import type { Key } from 'ink';

export interface KeyPress {
  input: string;
  key: Key;
}

const NO_KEY: Key = {
  upArrow: false,
  downArrow: false,
  leftArrow: false,
  rightArrow: false,
  pageDown: false,
  pageUp: false,
  home: false,
  end: false,
  return: false,
  escape: false,
  ctrl: false,
  shift: false,
  tab: false,
  backspace: false,
  delete: false,
  meta: false,
  super: false,
  hyper: false,
  capsLock: false,
  numLock: false,
};

/** One character as Ink would have reported it had it arrived alone. */
function pressOf(ch: string): KeyPress {
  if (ch === '\r' || ch === '\n') return { input: '', key: { ...NO_KEY, return: true } };
  if (ch === '\t') return { input: '', key: { ...NO_KEY, tab: true } };
  if (ch === '\x7f') return { input: '', key: { ...NO_KEY, delete: true } };
  if (ch === '\b') return { input: '', key: { ...NO_KEY, backspace: true } };
  const code = ch.codePointAt(0) ?? 0;
  if (code >= 1 && code <= 26) {
    return { input: String.fromCharCode(code + 96), key: { ...NO_KEY, ctrl: true } };
  }
  return { input: ch, key: { ...NO_KEY, shift: /[A-Z]/.test(ch) } };
}

/**
 * Ink hands over text that arrived in one read as one input (`/web\r` when keys are typed or sent
 * faster than a read, e.g. `tmux send-keys` or a paste, or over a slow SSH link). Escape sequences
 * (arrows, function keys) already come alone. Returns the single key presses, or undefined when
 * the input is one key already.
 */
export function splitKeyPresses(input: string, key: Key): KeyPress[] | undefined {
  const chars = [...input];
  if (chars.length <= 1 || key.meta || key.escape || input.startsWith('\x1b')) return undefined;
  return chars.map(pressOf);
}
