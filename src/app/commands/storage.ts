import { collectStorageHealth } from '../../fleet/health/storage.js';
import { problemOf } from '../../fleet/problem.js';
import { ensureSomethingToWatch } from '../ensure-target.js';
import { EXIT_OK, EXIT_SOME_HOSTS_UNREACHABLE } from '../exit-codes.js';
import type { CommandIo } from '../io.js';
import { loadConfig, type ConfigFlags } from '../load-config.js';
import { storageJson, storageTable, type StorageRow } from '../output/storage.js';
import { openTargets } from '../targets.js';

/** `fleetdeck storage`: storage-driver health of every host, with a verdict and findings in words. */
export async function storageCommand(
  flags: ConfigFlags & { json?: boolean },
  io: CommandIo,
): Promise<number> {
  const config = await loadConfig(flags, io.env);
  ensureSomethingToWatch(config, io.env);
  const fleet = openTargets(config, { readOnly: true });
  try {
    const rows: StorageRow[] = await Promise.all(
      fleet.targets.map(async (t) => {
        try {
          return {
            host: t.identity.name,
            health: await collectStorageHealth(t.api, config.settings.storage),
          };
        } catch (err) {
          return { host: t.identity.name, problem: problemOf(t.identity.name, err) };
        }
      }),
    );
    io.stdout.write(flags.json ? JSON.stringify(storageJson(rows), null, 2) + '\n' : storageTable(rows));
    return rows.every((r) => r.health) ? EXIT_OK : EXIT_SOME_HOSTS_UNREACHABLE;
  } finally {
    await fleet.close();
  }
}
