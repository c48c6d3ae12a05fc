import { useInput, type Key } from 'ink';
import { useCallback, useRef } from 'react';
import { splitKeyPresses } from '../input-chunks.js';
import { keyName } from '../keymap.js';

export interface Press {
  /** Canonical key name (see keyName). */
  name: string;
  /** The character typed, when printable (prompts take it). */
  text?: string | undefined;
}

function isPrintable(input: string, key: Key): boolean {
  return input.length > 0 && !key.ctrl && !key.meta && [...input].every((ch) => ch >= ' ' && ch !== '\u007f');
}

/**
 * Key presses one by one, as canonical names. Keys that arrived in one read (`/web⏎` from a paste,
 * tmux send-keys or a slow link) are split, so that `/` switches mode before `w` and Enter closes
 * the prompt. `leave(raw)`: a chunk someone else reads whole (the logs pane's prompt and pastes).
 */
export function useKeyPresses(
  onPress: (press: Press) => void,
  opts: { isActive: boolean; leave?: (raw: string) => boolean },
): void {
  // The latest callbacks, behind one listener that Ink keeps subscribed across renders.
  const latest = useRef({ onPress, leave: opts.leave });
  latest.current = { onPress, leave: opts.leave };
  const handle = useCallback((raw: string, key: Key): void => {
    if (latest.current.leave?.(raw)) return;
    const presses = splitKeyPresses(raw, key);
    if (presses) {
      for (const p of presses) handle(p.input, p.key);
      return;
    }
    latest.current.onPress({ name: keyName(raw, key), text: isPrintable(raw, key) ? raw : undefined });
  }, []);
  // Without a TTY there is no raw mode: Ink would throw, so the dashboard runs without input.
  useInput(handle, { isActive: opts.isActive });
}
