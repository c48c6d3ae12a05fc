import { homedir } from 'node:os';
import { join } from 'node:path';
import { ActionExecutor, ActionService, AuditLog, auditLogPath } from '../../../actions/index.js';
import { dataDir } from '../../../config/paths.js';
import { hostMutations, type HostMutations } from '../../../docker/mutations/index.js';
import { ensureSomethingToWatch } from '../../ensure-target.js';
import { UserError } from '../../exit-codes.js';
import type { CommandIo } from '../../io.js';
import { loadConfig, type ConfigFlags } from '../../load-config.js';
import { openTargets } from '../../targets.js';

export interface ActionFlags extends ConfigFlags {
  readOnly?: boolean;
  wallboard?: boolean;
  dataDir?: string;
}

/** `--data-dir`, else `$FLEETDECK_DATA_DIR`, else the XDG data dir: audit log and rollout journals. */
export function actionDataDir(flags: ActionFlags, env: NodeJS.ProcessEnv): string {
  return flags.dataDir ?? env.FLEETDECK_DATA_DIR ?? dataDir({ env, homedir: homedir() });
}

export interface ActionContext {
  service: ActionService;
  dataDir: string;
  close(): Promise<void>;
}

/** The fleet, its mutation helpers and the one executor; in read-only mode the transport itself is read-only. */
export async function openActions(flags: ActionFlags, io: CommandIo): Promise<ActionContext> {
  const config = await loadConfig(flags, io.env);
  ensureSomethingToWatch(config, io.env);
  const readOnly = Boolean(flags.readOnly || flags.wallboard);
  const fleet = openTargets(config, { readOnly });
  const byName = new Map<string, HostMutations>(
    fleet.targets.map((t) => [t.identity.name, hostMutations(t.api)]),
  );
  const hosts = (name: string): HostMutations => {
    const m = byName.get(name);
    if (!m)
      throw new UserError(`no host "${name}" in the fleet — hosts are: ${[...byName.keys()].join(', ')}`);
    return m;
  };
  const dir = actionDataDir(flags, io.env);
  const journalDir = join(dir, 'rollouts');
  const executor = new ActionExecutor({
    readOnly,
    hosts,
    audit: new AuditLog(auditLogPath(dir)),
    journalDir,
  });
  const service = new ActionService({ executor, hosts, hostNames: [...byName.keys()], journalDir });
  return { service, dataDir: dir, close: () => fleet.close() };
}
