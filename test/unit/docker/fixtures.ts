import { readFileSync } from 'node:fs';

/** Recorded Engine API answers of a dockerd 20.10 (API 1.41) host. */
export function fixture<T = unknown>(name: string): T {
  return JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')) as T;
}
