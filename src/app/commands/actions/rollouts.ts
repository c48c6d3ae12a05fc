import { join } from 'node:path';
import { JournalStore } from '../../../actions/index.js';
import type { CommandIo } from '../../io.js';
import { actionDataDir, type ActionFlags } from './context.js';

/** Interrupted rollouts from the journals, with what to run next. */
export async function rolloutStatusCommand(
  flags: ActionFlags & { json?: boolean },
  io: CommandIo,
): Promise<number> {
  const store = new JournalStore(join(actionDataDir(flags, io.env), 'rollouts'));
  const open = await store.unfinished();
  if (flags.json) {
    io.stdout.write(JSON.stringify(open, null, 2) + '\n');
    return 0;
  }
  if (open.length === 0) io.stdout.write('no interrupted rollouts\n');
  for (const j of open) {
    const inFlight = j.replicas.filter((r) => !['pending', 'done', 'reverted'].includes(r.phase));
    io.stdout.write(
      `role ${j.role}: rollout ${j.id} to ${j.image} interrupted (started ${j.startedAt} by ${j.user}@${j.machine}); ` +
        `${j.replicas.filter((r) => r.phase === 'done').length}/${j.replicas.length} done, in flight: ${inFlight.map((r) => `${r.host}/${r.name} (${r.phase})`).join(', ') || 'none'}\n` +
        `  fleetdeck redeploy role:${j.role} --resume   or   fleetdeck redeploy role:${j.role} --rollback\n`,
    );
  }
  return 0;
}
