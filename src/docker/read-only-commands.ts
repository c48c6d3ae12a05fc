import {
  btrfsUsageCommand,
  dfCommand,
  hostVitalsCommand,
  inCLocale,
} from '../domain/health/host-commands.js';
import { ReadOnlyRefusal } from './read-only.js';
import { socketProbeCommand } from './socket-probe.js';
import { dialStdioCommand } from './dial-stdio-command.js';

/** One command shape read-only mode lets through SSH exec (or a local host's shell). */
export interface AllowedCommand {
  /** What it reads, for people. */
  name: string;
  /** Who runs it. */
  usedBy: string;
  /** The whole command line; arguments may only be shell-quoted words. */
  shape: RegExp;
}

// A word as shellQuote writes it: any characters but `'`, which appears only as `'\''`.
const SENTINEL = '\u0001';
const QUOTED_CHARS = String.raw`(?:[^']|'\\'')*`;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The shape of `build(word)` for any word: the real builder, so text and allowlist never drift. */
function shapeOf(build: (word: string) => string): RegExp {
  return new RegExp(`^${escapeRegExp(build(SENTINEL)).split(SENTINEL).join(QUOTED_CHARS)}$`);
}

/** The same for a builder of a list of quoted words (`df -P -B1 'a' 'b'`). */
function listShapeOf(build: (words: string[]) => string): RegExp {
  const word = `'${QUOTED_CHARS}'`;
  const text = escapeRegExp(build([SENTINEL]))
    .split(`'${SENTINEL}'`)
    .join(`${word}(?: ${word})*`);
  return new RegExp(`^${text}$`);
}

/**
 * Everything fleetdeck itself runs over SSH exec, all of it reading only. In read-only mode any
 * other command is refused like a POST, before it leaves the process.
 */
export const READ_ONLY_COMMANDS: readonly AllowedCommand[] = [
  {
    name: 'Docker socket probe (exists, is a socket, may be used)',
    usedBy: 'docker/ssh-socket.ts',
    shape: shapeOf(socketProbeCommand),
  },
  {
    name: 'docker system dial-stdio (the Docker API where stream-local forwarding is refused)',
    usedBy: 'docker/ssh-socket.ts',
    shape: shapeOf(dialStdioCommand),
  },
  {
    name: 'btrfs allocation of the Docker root',
    usedBy: 'fleet/health/storage.ts',
    shape: shapeOf((w) => inCLocale(btrfsUsageCommand(w))),
  },
  {
    name: 'free space of the Docker root',
    usedBy: 'fleet/health/storage.ts',
    shape: shapeOf((w) => inCLocale(dfCommand(w))),
  },
  {
    name: 'host vitals (load, memory, CPUs, free space)',
    usedBy: 'fleet/health/vitals.ts',
    shape: listShapeOf(hostVitalsCommand),
  },
];

export function isReadOnlyCommand(command: string): boolean {
  return READ_ONLY_COMMANDS.some((c) => c.shape.test(command));
}

/** Throws ReadOnlyRefusal unless `command` is one of fleetdeck's own read commands. */
export function assertReadOnlyCommand(host: string, command: string): void {
  if (!isReadOnlyCommand(command)) throw ReadOnlyRefusal.forCommand(host, command);
}
