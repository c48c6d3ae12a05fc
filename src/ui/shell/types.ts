import type { ActionOutcome } from '../../actions/index.js';

/** The container `e` opens a shell in (its role picks the fleet file's `shell:`). */
export interface ShellTarget {
  host: string;
  id: string;
  name: string;
  role: string;
}

/** The terminal as a shell session gets it: raw keys in, the whole screen out, its size and resizes. */
export interface ShellTerminal {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  size(): { rows: number; columns: number } | undefined;
  /** Subscribes to window changes (SIGWINCH); returns the unsubscribe. */
  onResize(listener: () => void): () => void;
}

/**
 * How the dashboard steps aside for a shell: `take` leaves the alternate screen and sends the
 * keys to the shell; `giveBack` returns both and repaints the dashboard as it was.
 */
export interface TerminalHandoff {
  take(): ShellTerminal;
  giveBack(): void;
}

/**
 * The app's port for `e`: plan an interactive exec in the container, run it through the action
 * executor (read-only refusal, audit line) and take the terminal only once the executor starts the
 * session; give it back however it ends. Resolves with the executor's outcome.
 */
export type OpenShell = (target: ShellTarget, terminal: TerminalHandoff) => Promise<ActionOutcome>;
