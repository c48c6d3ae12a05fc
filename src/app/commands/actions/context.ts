import { homedir } from 'node:os';
import type { ActionService } from '../../../actions/index.js';
import { dataDir } from '../../../config/paths.js';
import { ensureSomethingToWatch } from '../../ensure-target.js';
import type { CommandIo } from '../../io.js';
import { loadConfig, type ConfigFlags } from '../../load-config.js';
import { openTargets } from '../../targets.js';
import { buildActionService } from '../../action-service.js';
import { journalCrashPoint } from '../../journal-crash-hook.js';

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
  const dir = actionDataDir(flags, io.env);
  const apis = new Map(fleet.targets.map((t) => [t.identity.name, t.api]));
  const crashAt = journalCrashPoint(io.env);
  const service = buildActionService(apis, {
    readOnly,
    dataDir: dir,
    snapshots: config.settings.snapshots,
    ...(crashAt ? { sigkillAfterJournalWrites: crashAt } : {}),
  });
  return { service, dataDir: dir, close: () => fleet.close() };
}
