import type { FleetConfig } from '../../config/index.js';
import { createSwarmReader } from '../../docker/swarm-read.js';
import { sanitizeLine } from '../../domain/text/sanitize.js';
import { readSwarmOnce } from '../../fleet/swarm/read-once.js';
import { findService } from '../../fleet/swarm/swarm-rows.js';
import { serviceLogRef } from '../../fleet/swarm/service-log-ref.js';
import { EXIT_BAD_INPUT, UserError } from '../exit-codes.js';
import type { CommandIo } from '../io.js';
import { loadConfig, type ConfigFlags } from '../load-config.js';
import { unlockSshKeys } from '../ssh-auth.js';
import { openTargets } from '../targets.js';
import { runLogsCommand, type LogsCommandOptions } from './run-logs-command.js';

/** The flags of `fleetdeck logs` (logs.ts imports this file: the type is spelled here). */
type LogsFlags = ConfigFlags &
  Omit<LogsCommandOptions, 'json' | 'follow'> & { json?: boolean; follow?: boolean };

/**
 * `fleetdeck logs service:NAME` (or `service:SWARM/NAME`): the service's logs from the manager its
 * swarm is read from, every task's lines merged by the daemon and named `SERVICE.SLOT@NODE`.
 */
export async function serviceLogsCommand(
  ref: string,
  flags: LogsFlags,
  io: CommandIo,
  signal?: AbortSignal,
  load: (f: LogsFlags, env: NodeJS.ProcessEnv) => Promise<FleetConfig> = loadConfig,
): Promise<number> {
  const config = await load(flags, io.env);
  const swarms = config.swarms ?? [];
  if (swarms.length === 0) {
    throw new UserError(
      'no swarms in the fleet — service:NAME needs a swarms: entry with its managers in the fleet file',
      EXIT_BAD_INPUT,
    );
  }
  const slash = ref.indexOf('/');
  const [swarm, name] = slash > 0 ? [ref.slice(0, slash), ref.slice(slash + 1)] : [undefined, ref];
  const managerConfig: FleetConfig = { ...config, hosts: [] };
  await unlockSshKeys({ ...config, hosts: swarms.flatMap((s) => s.managers) });
  const fleet = openTargets(managerConfig, { readOnly: true, withManagers: true });
  try {
    const wanted = swarms.filter((s) => swarm === undefined || s.name === swarm);
    const results = await Promise.all(
      wanted.map((s) =>
        readSwarmOnce(
          s.name,
          fleet.managers.filter((m) => m.swarm === s.name).map((m) => createSwarmReader(m.api)),
          io.now,
        ),
      ),
    );
    for (const r of results) if (!r.ok) io.stderr.write(`warning: ${sanitizeLine(r.message)}\n`);
    const hits = results.flatMap((r) => {
      const service = r.ok ? findService(r.state, name) : undefined;
      return r.ok && service ? [{ state: r.state, service }] : [];
    });
    const [hit] = hits;
    if (!hit || hits.length > 1) {
      throw new UserError(
        hits.length > 1
          ? `service "${sanitizeLine(name)}" is in swarms ${hits.map((h) => h.state.swarm).join(', ')} — name one as service:SWARM/${sanitizeLine(name)}`
          : `no service "${sanitizeLine(ref)}" in the swarms that answered — fleetdeck services lists them`,
        EXIT_BAD_INPUT,
      );
    }
    const api = fleet.managers.find((m) => m.identity.name === hit.state.manager)?.api;
    if (!api) throw new Error(`${hit.state.manager}: the manager that answered has no connection`);
    const service = serviceLogRef(hit.state, hit.service.id, hit.service.name);
    return await runLogsCommand(
      { sources: [{ host: hit.state.swarm, api, service }], err: io.stderr, signal },
      { ...flags, json: flags.json ?? false, follow: flags.follow ?? false },
      io.stdout,
    );
  } finally {
    await fleet.close();
  }
}
