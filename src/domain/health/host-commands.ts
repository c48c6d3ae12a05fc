import { vitalsCommand } from './vitals.js';

/**
 * The commands fleetdeck's health collectors run on a host, built here and nowhere else. They
 * only read; read-only mode lets exactly these shapes through SSH exec (the allowlist in
 * docker/read-only-commands.ts is derived from these builders, so the two cannot drift apart).
 */

/** Quotes one word for a POSIX shell. */
export function shellQuote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** C locale: tools translate their labels, and the parsers read English ones. */
export function inCLocale(command: string): string {
  return `LC_ALL=C ${command}`;
}

/** btrfs allocation of the filesystem holding `path`, in bytes. */
export function btrfsUsageCommand(path: string): string {
  return `btrfs filesystem usage -b ${shellQuote(path)}`;
}

/** Size and free space of the filesystem holding `path`, in bytes. */
export function dfCommand(path: string): string {
  return `df -P -B1 ${shellQuote(path)}`;
}

/** Load, memory, CPUs and free space of `paths` in one command (one SSH session). */
export function hostVitalsCommand(paths: readonly string[]): string {
  return `LC_ALL=C; export LC_ALL; ${vitalsCommand(paths)}`;
}
