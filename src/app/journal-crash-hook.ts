import { JournalStore, type RolloutJournal } from '../actions/index.js';

/**
 * The fault suite's hook (`FLEETDECK_TEST_SIGKILL_AFTER_JOURNAL_WRITE=N`): the process SIGKILLs
 * itself right after its Nth journal write is on disk — before the step that write announces is
 * taken, which is exactly where a real crash hurts most. Never set outside the tests.
 */
export class SigkillAfterJournalWrites extends JournalStore {
  private writes = 0;

  constructor(
    dir: string,
    private readonly n: number,
    private readonly die: () => void = () => process.kill(process.pid, 'SIGKILL'),
  ) {
    super(dir);
  }

  override async write(j: RolloutJournal): Promise<void> {
    await super.write(j);
    if (++this.writes === this.n) this.die();
  }
}

/** The hook's N from the environment, when set to a positive integer. */
export function journalCrashPoint(env: NodeJS.ProcessEnv): number | undefined {
  const n = Number(env.FLEETDECK_TEST_SIGKILL_AFTER_JOURNAL_WRITE);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}
