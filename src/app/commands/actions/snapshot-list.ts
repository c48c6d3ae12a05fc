import { sanitizeLine } from '../../../domain/text/sanitize.js';
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
    // Reported, not removed: a snapshot running from another machine has its helper too.
    const left = await service.snapshotLeftovers();
    if (left.length && mode !== 'name') {
      io.stderr.write(
        `left by interrupted snapshots (remove once no snapshot runs):\n${left
          .map(
            (l) =>
              `  ${l.host}: ${l.kind === 'helper' ? 'helper container' : 'image'} ${sanitizeLine(l.name)} — \`${sanitizeLine(l.remove)}\``,
          )
          .join('\n')}\n`,
      );
    }
    return 0;
  });
}
