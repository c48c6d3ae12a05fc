import type { CommandIo } from '../../io.js';
import { outputMode, toJson, type OutputFlags } from '../../output/mode.js';
import { snapshotsTable } from '../../output/snapshots.js';
import { renderNames } from '../../output/table.js';
import type { ActionFlags } from './context.js';
import { withActions } from './run-action.js';

export async function snapshotListCommand(
  target: string | undefined,
  flags: ActionFlags & OutputFlags,
  io: CommandIo,
): Promise<number> {
  const mode = outputMode(flags);
  return withActions(flags, io, async ({ service }) => {
    const name = target?.includes('/') ? target.slice(target.indexOf('/') + 1) : target;
    const host = target?.includes('/') ? target.slice(0, target.indexOf('/')) : undefined;
    const rows = (await service.listSnapshots(name)).filter((r) => host === undefined || r.host === host);
    io.stdout.write(
      mode === 'json'
        ? toJson(rows)
        : mode === 'name'
          ? renderNames(rows.map((r) => r.image))
          : snapshotsTable(rows, { wide: mode === 'wide', headers: flags.headers }),
    );
    return 0;
  });
}
