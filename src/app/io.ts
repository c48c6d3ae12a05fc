import type { Writable } from 'node:stream';

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
