import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const DIR = join(import.meta.dirname, '../../fixtures/ssh-certs');

/** The key blob of an OpenSSH public key / certificate file (see test/fixtures/README.md). */
export function fixtureBlob(name: string): Buffer {
  const text = readFileSync(join(DIR, name), 'utf8').trim();
  return Buffer.from(text.split(/\s+/)[1] ?? '', 'base64');
}

/** A moment inside every fixture's validity (2020-01-01 … 2099-12-31) but for the expired one. */
export const IN_2030 = Date.UTC(2030, 0, 1);
