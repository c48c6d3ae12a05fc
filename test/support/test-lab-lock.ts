import { spawn, type ChildProcess } from 'node:child_process';

/*
 * Several test runs (developers, agents, CI) may share one machine. Each run's lab takes a slot:
 * an flock held by a child process for as long as the run lives. The child holds the lock until
 * its stdin closes, so a run that dies releases its slot without cleanup code.
 */

export interface LabSlot {
  index: number;
  release(): void;
}

const LOCKED = 'locked';
const BUSY_EXIT = 75;

function tryLock(lockFile: string): Promise<ChildProcess | undefined> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      'flock',
      ['-n', '-E', String(BUSY_EXIT), lockFile, '-c', `echo ${LOCKED}; exec cat >/dev/null`],
      {
        stdio: ['pipe', 'pipe', 'inherit'],
      },
    );
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      out += chunk;
      if (out.includes(LOCKED)) resolve(child);
    });
    child.on('error', (error) => reject(new Error(`cannot run flock for ${lockFile}: ${error.message}`)));
    child.on('exit', (code) => {
      if (code === BUSY_EXIT) resolve(undefined);
      else if (!out.includes(LOCKED))
        reject(new Error(`flock ${lockFile} exited with ${code ?? 'a signal'}`));
    });
  });
}

/** Takes the first free slot of `slots`; lockFile(i) names each slot's lock file. */
export async function takeLabSlot(slots: number, lockFile: (index: number) => string): Promise<LabSlot> {
  for (let index = 0; index < slots; index++) {
    const holder = await tryLock(lockFile(index));
    if (holder === undefined) continue;
    holder.stdout?.removeAllListeners('data');
    holder.unref();
    return {
      index,
      release: () => {
        holder.stdin?.end();
      },
    };
  }
  throw new Error(
    `all ${slots} test lab slots are in use by other test runs (locks ${lockFile(0)}…) — wait for them or set FLEETDECK_LAB_DIR to a running lab`,
  );
}
