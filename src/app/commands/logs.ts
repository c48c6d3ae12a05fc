import { resolveLogTarget } from '../../domain/logs/target.js';
import { collectFleet } from '../../fleet/collect.js';
import { LogsCommandError, runLogsCommand, type LogsCommandOptions } from '../../fleet/logs/index.js';
import { ensureSomethingToWatch } from '../ensure-target.js';
import { EXIT_BAD_INPUT, EXIT_SOME_HOSTS_UNREACHABLE, UserError } from '../exit-codes.js';
import type { CommandIo } from '../io.js';
import { loadConfig, type ConfigFlags } from '../load-config.js';
import { openTargets } from '../targets.js';

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
  const config = await loadConfig(flags, io.env);
  ensureSomethingToWatch(config, io.env);
  const fleet = openTargets(config, { readOnly: true });
  try {
    const listing = await collectFleet(fleet.targets, {
      all: true,
      timeoutMs: config.settings.connect.timeoutSeconds * 1000 + 5_000,
    });
    const unreachable = listing.hosts.filter((h) => h.state !== 'up');
    for (const h of unreachable)
      io.stderr.write(`warning: ${h.problem?.message ?? `${h.name}: ${h.state}`}\n`);
    const resolved = resolveLogTarget(target, listing.containers);
    if (!resolved.ok) throw new UserError(resolved.error, EXIT_BAD_INPUT);
    const apis = new Map(fleet.targets.map((t) => [t.identity.name, t.api]));
    const sources = resolved.containers.flatMap((container) => {
      const api = apis.get(container.host);
      return api ? [{ host: container.host, api, container }] : [];
    });
    const code = await runLogsCommand(
      { sources, err: io.stderr, signal },
      { ...flags, json: flags.json ?? false, follow: flags.follow ?? false },
      io.stdout,
    );
    return code === 0 && unreachable.length > 0 ? EXIT_SOME_HOSTS_UNREACHABLE : code;
  } catch (err) {
    if (err instanceof LogsCommandError) throw new UserError(err.message, EXIT_BAD_INPUT);
    throw err;
  } finally {
    await fleet.close();
  }
}
