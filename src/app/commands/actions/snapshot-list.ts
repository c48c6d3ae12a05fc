import { formatBytes } from './format-bytes.js';
import type { CommandIo } from '../../io.js';
import type { ActionFlags } from './context.js';
import { withActions } from './run-action.js';

export async function snapshotListCommand(
  target: string | undefined,
  flags: ActionFlags & { json?: boolean },
  io: CommandIo,
): Promise<number> {
  return withActions(flags, io, async ({ service }) => {
    const name = target?.includes('/') ? target.slice(target.indexOf('/') + 1) : target;
    const host = target?.includes('/') ? target.slice(0, target.indexOf('/')) : undefined;
    const rows = (await service.listSnapshots(name)).filter((r) => host === undefined || r.host === host);
    if (flags.json) {
      io.stdout.write(JSON.stringify(rows, null, 2) + '\n');
      return 0;
    }
    const lines = rows.map(
      (r) => `${r.host}\t${r.container}\t${r.image}\t${r.time}\t${formatBytes(r.size)}\t${r.volumes} vol`,
    );
    io.stdout.write(['HOST\tCONTAINER\tIMAGE\tTIME\tSIZE\tVOLUMES', ...lines].join('\n') + '\n');
    return 0;
  });
}
