import { collectStorageHealth } from '../../fleet/health/storage.js';
import { problemOf } from '../../fleet/problem.js';
import { ensureSomethingToWatch } from '../ensure-target.js';
import { EXIT_OK, EXIT_SOME_HOSTS_UNREACHABLE } from '../exit-codes.js';
import type { CommandIo } from '../io.js';
import { loadConfig, type ConfigFlags } from '../load-config.js';
import { outputMode, toJson, type OutputFlags } from '../output/mode.js';
import { renderNames } from '../output/table.js';
import { storageJson, storageTable, type StorageRow } from '../output/storage.js';
import { openTargets } from '../targets.js';

/** `fleetdeck storage`: storage-driver health of every host, with a verdict and findings in words. */
export async function storageCommand(flags: ConfigFlags & OutputFlags, io: CommandIo): Promise<number> {
  const mode = outputMode(flags);
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
    io.stdout.write(
      mode === 'json'
        ? toJson(storageJson(rows))
        : mode === 'name'
          ? renderNames(rows.map((r) => r.host))
          : storageTable(rows, { wide: mode === 'wide', headers: flags.headers }),
    );
    return rows.every((r) => r.health) ? EXIT_OK : EXIT_SOME_HOSTS_UNREACHABLE;
  } finally {
    await fleet.close();
  }
}
