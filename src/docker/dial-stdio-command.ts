import { shellQuote } from '../domain/health/host-commands.js';

/** The Docker CLI relaying the API over its stdin/stdout, for servers that refuse stream-local. */
export function dialStdioCommand(socketPath: string): string {
  return `docker -H ${shellQuote(`unix://${socketPath}`)} system dial-stdio`;
}
