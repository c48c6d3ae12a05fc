import { join } from 'node:path';
import { ActionExecutor, ActionService, AuditLog, auditLogPath } from '../actions/index.js';
import type { DockerHostApi } from '../docker/host-api.js';
import { hostMutations, type HostMutations } from '../docker/mutations/index.js';
import { snapshotDefaultsFor, type SnapshotSettings } from '../config/index.js';
import type { SwarmState } from '../domain/swarm.js';
import { UserError } from './exit-codes.js';
import { SigkillAfterJournalWrites } from './journal-crash-hook.js';

/**
 * The one executor and the action service over the fleet's gateways (their SSH connections),
 * with the audit log and rollout journals under `dataDir`. Used by the CLI and the dashboard alike.
 */
export function buildActionService(
  apis: ReadonlyMap<string, DockerHostApi>,
  opts: {
    readOnly: boolean;
    dataDir: string;
    snapshots?: SnapshotSettings;
    /**
     * Swarm managers by fleet name: a swarm action's plan names the one it goes to. They are not
     * fleet hosts (their containers are not listed for role or host targets).
     */
    managers?: ReadonlyMap<string, DockerHostApi>;
    swarmStates?: () => readonly SwarmState[];
    /** The fault suite's hook: SIGKILL after this many journal writes (journal-crash-hook.ts). */
    sigkillAfterJournalWrites?: number;
  },
): ActionService {
  const byName = new Map<string, HostMutations>([...apis].map(([name, api]) => [name, hostMutations(api)]));
  const hostNames = [...byName.keys()];
  for (const [name, api] of opts.managers ?? []) if (!byName.has(name)) byName.set(name, hostMutations(api));
  const hosts = (name: string): HostMutations => {
    const m = byName.get(name);
    if (!m)
      throw new UserError(`no host "${name}" in the fleet — hosts are: ${[...byName.keys()].join(', ')}`);
    return m;
  };
  const journalDir = join(opts.dataDir, 'rollouts');
  const executor = new ActionExecutor({
    readOnly: opts.readOnly,
    hosts,
    audit: new AuditLog(auditLogPath(opts.dataDir)),
    journalDir,
    ...(opts.sigkillAfterJournalWrites
      ? { journals: new SigkillAfterJournalWrites(journalDir, opts.sigkillAfterJournalWrites) }
      : {}),
  });
  const { snapshots } = opts;
  return new ActionService({
    executor,
    hosts,
    hostNames,
    journalDir,
    ...(opts.swarmStates ? { swarmStates: opts.swarmStates } : {}),
    ...(snapshots ? { snapshotDefaults: (role: string) => snapshotDefaultsFor(snapshots, role) } : {}),
  });
}
