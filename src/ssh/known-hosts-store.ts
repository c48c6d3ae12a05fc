import { appendFile, mkdir, open, readFile, stat, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { systemClock, type Clock } from '../util/clock.js';

/** Reading and recording known_hosts; injectable so tests need no real files. */
export interface KnownHostsStore {
  /** The file's text; '' when it does not exist. */
  read(file: string): Promise<string>;
  /**
   * Appends `line` unless `present(current text)` finds an equivalent entry already there (another
   * connection or process recorded it meanwhile). Returns whether the line was written.
   */
  append(file: string, line: string, present: (text: string) => boolean): Promise<boolean>;
}

const LOCK_WAIT_MS = 5_000;
const LOCK_POLL_MS = 25;
/** A lock older than this was left by a process that died while holding it. */
const LOCK_STALE_MS = 30_000;

async function readOrEmpty(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw err;
  }
}

/** `file.lock` made with O_EXCL: one writer at a time across processes. */
async function withLockFile<T>(file: string, body: () => Promise<T>, clock: Pick<Clock, 'now'>): Promise<T> {
  const lock = `${file}.lock`;
  const deadline = clock.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      await (await open(lock, 'wx', 0o600)).close();
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const age = await stat(lock).then(
        (s) => clock.now() - s.mtimeMs,
        () => 0,
      );
      if (age > LOCK_STALE_MS) await unlink(lock).catch(() => undefined);
      else if (clock.now() > deadline)
        throw new Error(`${lock} is held by another process (remove it if no fleetdeck or ssh is running)`, {
          cause: err,
        });
      else await new Promise((r) => setTimeout(r, LOCK_POLL_MS));
    }
  }
  try {
    return await body();
  } finally {
    await unlink(lock).catch(() => undefined);
  }
}

/**
 * known_hosts on disk. Appends are serialised per file inside the process and by a lock file
 * across processes; the file is re-read under the lock, so two hosts (or two fleetdecks)
 * accepting the same new key write it once. The line goes in with one O_APPEND write.
 */
export function fileKnownHostsStore(clock: Pick<Clock, 'now'> = systemClock): KnownHostsStore {
  const queues = new Map<string, Promise<unknown>>();
  // Reads of one file at the same moment (every host of a fleet connecting at once) share one;
  // a read that starts after it finished reads the file again.
  const reading = new Map<string, Promise<string>>();
  return {
    read(file) {
      let pending = reading.get(file);
      if (!pending) {
        pending = readOrEmpty(file);
        reading.set(file, pending);
        const forget = (): void => void reading.delete(file);
        pending.then(forget, forget);
      }
      return pending;
    },
    append(file, line, present) {
      const previous = queues.get(file) ?? Promise.resolve();
      const next = previous.then(async () => {
        await mkdir(dirname(file), { recursive: true, mode: 0o700 });
        return withLockFile(
          file,
          async () => {
            const current = await readOrEmpty(file);
            if (present(current)) return false;
            const prefix = current === '' || current.endsWith('\n') ? '' : '\n';
            await appendFile(file, `${prefix}${line}\n`, { mode: 0o600, flag: 'a' });
            return true;
          },
          clock,
        );
      });
      queues.set(
        file,
        next.catch(() => undefined),
      );
      return next;
    },
  };
}
