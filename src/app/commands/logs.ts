import { resolveLogTarget } from '../../domain/logs/target.js';
import { LogsCommandError, runLogsCommand, type LogsCommandOptions } from './run-logs-command.js';
import { EXIT_BAD_INPUT, EXIT_SOME_HOSTS_UNREACHABLE, UserError } from '../exit-codes.js';
import type { CommandIo } from '../io.js';
import type { ConfigFlags } from '../load-config.js';
import { listFleet, warnUnreachable } from '../list-fleet.js';

export interface LogsFlags extends ConfigFlags, Omit<LogsCommandOptions, 'json' | 'follow'> {
  json?: boolean;
  follow?: boolean;
}

/** `fleetdeck logs TARGET`: resolve the target across the fleet, then stream the merged logs. */
export async function logsCommand(
  target: string,
  flags: LogsFlags,
  io: CommandIo,
  signal?: AbortSignal,
): Promise<number> {
  if (target.startsWith('service:') && target.length > 'service:'.length) {
    const { serviceLogsCommand } = await import('./service-logs.js');
    try {
      return await serviceLogsCommand(target.slice('service:'.length), flags, io, signal);
    } catch (err) {
      if (err instanceof LogsCommandError) throw new UserError(err.message, EXIT_BAD_INPUT);
      throw err;
    }
  }
  let code = 0;
  try {
    const listing = await listFleet(flags, io, async (found, fleet) => {
      warnUnreachable(found, io);
      const resolved = resolveLogTarget(target, found.containers);
      if (!resolved.ok) throw new UserError(resolved.error, EXIT_BAD_INPUT);
      const apis = new Map(fleet.targets.map((t) => [t.identity.name, t.api]));
      const sources = resolved.containers.flatMap((container) => {
        const api = apis.get(container.host);
        return api ? [{ host: container.host, api, container }] : [];
      });
      code = await runLogsCommand(
        { sources, err: io.stderr, signal },
        { ...flags, json: flags.json ?? false, follow: flags.follow ?? false },
        io.stdout,
      );
    });
    const someUnreachable = listing.hosts.some((h) => h.state !== 'up');
    return code === 0 && someUnreachable ? EXIT_SOME_HOSTS_UNREACHABLE : code;
  } catch (err) {
    if (err instanceof LogsCommandError) throw new UserError(err.message, EXIT_BAD_INPUT);
    throw err;
  }
}
