import type { SshChannel } from '../ssh/client-like.js';
import type { CommandResult, SshConnection } from '../ssh/connection.js';
import { assertReadOnlyCommand } from './read-only-commands.js';

/** Commands on one host over its SSH connection, as docker/ uses them. */
export interface HostShell {
  /** A channel to a started command (stdin/stdout; `.stderr`). */
  exec(command: string): Promise<SshChannel>;
  /** A command run to completion, bounded in time and output. */
  run(command: string, timeoutMs: number): Promise<CommandResult>;
}

/**
 * SSH exec on `connection`. Read-only: only fleetdeck's own read commands (READ_ONLY_COMMANDS)
 * get a session; anything else is refused before it leaves the process, like a POST.
 */
export function hostShell(connection: SshConnection, guard: { host: string; readOnly: boolean }): HostShell {
  const check = (command: string): void => {
    if (guard.readOnly) assertReadOnlyCommand(guard.host, command);
  };
  return {
    async exec(command) {
      check(command);
      return connection.exec(command);
    },
    async run(command, timeoutMs) {
      check(command);
      return connection.run(command, timeoutMs);
    },
  };
}
