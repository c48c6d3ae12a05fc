import { createInterface } from 'node:readline/promises';
import { sanitizeLine } from '../../../domain/text/sanitize.js';
import type { Confirmation } from '../../../actions/index.js';

/** Asks on the terminal; the answer as the executor expects it (typed text, or true for yes). */
export async function askConfirmation(
  c: Confirmation,
  output: NodeJS.WritableStream,
): Promise<string | boolean> {
  const rl = createInterface({ input: process.stdin, output });
  try {
    const answer = (await rl.question(`${sanitizeLine(c.prompt)}: `)).trim();
    return c.mode === 'type' ? answer : /^y(es)?$/i.test(answer);
  } finally {
    rl.close();
  }
}
