import { openSync } from 'node:fs';
import { ReadStream, WriteStream } from 'node:tty';
import { sanitizeLine } from '../domain/text/sanitize.js';
import type { PassphraseProvider } from '../ssh/identity-keys.js';

/** Where a prompt is read and echoed (the controlling terminal; tests pass streams). */
export interface PromptTerminal {
  input: NodeJS.ReadableStream & { setRawMode?(raw: boolean): unknown };
  output: NodeJS.WritableStream;
  close(): void;
}

/** /dev/tty, so a prompt works while stdout is piped (`fleetdeck ps | less`). */
export function openControllingTerminal(): PromptTerminal {
  const fd = openSync('/dev/tty', 'r+');
  const input = new ReadStream(fd);
  const output = new WriteStream(fd);
  return {
    input,
    output,
    close: () => {
      input.destroy();
      output.destroy();
    },
  };
}

const ENTER = new Set(['\r', '\n']);
const GIVE_UP = new Set(['\u0003', '\u0004', '\u001b']); // Ctrl-C, Ctrl-D, Esc
const ERASE = new Set(['\u007f', '\b']);

/** Reads one line with echo off; undefined when the user gives up (Ctrl-C, Ctrl-D, Esc) or enters nothing. */
export function readSecret(terminal: PromptTerminal, prompt: string): Promise<string | undefined> {
  const { input, output } = terminal;
  output.write(prompt);
  input.setRawMode?.(true);
  return new Promise((resolve) => {
    let typed = '';
    const finish = (value: string | undefined): void => {
      input.off('data', onData);
      input.setRawMode?.(false);
      input.pause();
      output.write('\n');
      resolve(value === '' ? undefined : value);
    };
    const onData = (chunk: Buffer | string): void => {
      for (const ch of chunk.toString('utf8')) {
        if (ENTER.has(ch)) return finish(typed);
        if (GIVE_UP.has(ch)) return finish(undefined);
        if (ERASE.has(ch)) typed = [...typed].slice(0, -1).join('');
        else typed += ch;
      }
    };
    input.on('data', onData);
    input.resume();
  });
}

export interface TerminalPassphraseOptions {
  /** Only a terminal user can answer: no prompt when stdin is a pipe, a file or /dev/null. */
  stdinIsTTY: boolean;
  openTerminal?: () => PromptTerminal;
}

/**
 * Passphrases asked on the terminal, one question at a time (hosts connecting at once share the
 * terminal), kept in memory only. Empty input or Ctrl-C skips the key.
 */
export function terminalPassphrases(opts: TerminalPassphraseOptions): PassphraseProvider {
  let queue: Promise<unknown> = Promise.resolve();
  const open = opts.openTerminal ?? openControllingTerminal;
  return {
    unavailable: () => (opts.stdinIsTTY ? undefined : 'stdin is not a terminal'),
    ask(keyFile, attempt) {
      const next = queue.then(async () => {
        let terminal: PromptTerminal;
        try {
          terminal = open();
        } catch {
          return undefined; // no controlling terminal after all
        }
        try {
          const again = attempt > 1 ? 'Wrong passphrase. ' : '';
          return await readSecret(
            terminal,
            `${again}Enter passphrase for key '${sanitizeLine(keyFile)}' (empty to skip): `,
          );
        } finally {
          terminal.close();
        }
      });
      queue = next.catch(() => undefined);
      return next;
    },
  };
}
