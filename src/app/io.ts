import type { Writable } from 'node:stream';
import { sanitizeLine } from '../domain/text/sanitize.js';

/** Where a command writes; injectable so tests capture output without touching process streams. */
export interface CommandIo {
  stdout: Writable;
  stderr: Writable;
  env: NodeJS.ProcessEnv;
  now: () => number;
}

export function processIo(): CommandIo {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env, now: Date.now };
}

/**
 * `fleetdeck: MESSAGE` on stderr, every line sanitised: messages carry daemons' error bodies,
 * labels and file contents, which must not drive the terminal.
 */
export function writeError(io: CommandIo, message: string): void {
  io.stderr.write(`fleetdeck: ${message.split(/\r?\n/).map(sanitizeLine).join('\n')}\n`);
}
