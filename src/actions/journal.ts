import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import { fsyncDir } from './audit-log.js';
import { join } from 'node:path';
import type { ImageLoadStep, ReplicaOrder } from './types.js';

/**
 * Where one replica is in its replacement. Written before each step is taken, so after a crash
 * the phase says what may have happened: `renamed` means the rename may or may not have been done.
 */
export type ReplicaPhase =
  | 'pending'
  | 'stopping-old'
  | 'renaming'
  | 'creating'
  | 'starting'
  | 'ready'
  | 'old-stopped'
  /** Removing the old container: after this the replacement may be the only copy. */
  | 'committing'
  | 'done'
  | 'reverted';

export interface ReplicaRecord {
  host: string;
  name: string;
  oldId: string;
  oldImage: string;
  newImage: string;
  order: ReplicaOrder;
  oldWasRunning: boolean;
  newId?: string;
  batch: number;
  phase: ReplicaPhase;
}

export interface RolloutJournal {
  id: string;
  role: string;
  image: string;
  user: string;
  machine: string;
  /** ISO time. */
  startedAt: string;
  state: 'running' | 'failed' | 'done';
  waitSeconds: number;
  healthTimeoutSeconds: number;
  batchSize: number;
  /** Image loads done before any replica is touched; a resume repeats those whose target still lacks it. */
  loads?: ImageLoadStep[];
  replicas: ReplicaRecord[];
}

/** One JSON file per role in `<data dir>/rollouts/`, replaced atomically on every change. */
export class JournalStore {
  constructor(readonly dir: string) {}

  private pathOf(role: string): string {
    return join(this.dir, `${encodeURIComponent(role)}.json`);
  }

  async read(role: string): Promise<RolloutJournal | undefined> {
    try {
      return JSON.parse(await readFile(this.pathOf(role), 'utf8')) as RolloutJournal;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
  }

  async write(j: RolloutJournal): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const path = this.pathOf(j.role);
    const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`; // writers never share one
    const f = await open(tmp, 'w', 0o600);
    try {
      await f.writeFile(JSON.stringify(j, null, 2));
      await f.sync(); // on disk before it replaces the old one…
    } finally {
      await f.close();
    }
    await rename(tmp, path); // atomic: a crash leaves the old or the new journal, never half of one
    await fsyncDir(this.dir); // …and the rename itself survives a power cut
  }

  async remove(role: string): Promise<void> {
    await rm(this.pathOf(role), { force: true });
    await fsyncDir(this.dir).catch(() => undefined);
  }

  /** Rollouts that did not finish (the process died, or a batch failed and was not settled). */
  async unfinished(): Promise<RolloutJournal[]> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch {
      return [];
    }
    const out: RolloutJournal[] = [];
    for (const n of names.filter((x) => x.endsWith('.json'))) {
      const j = await this.read(decodeURIComponent(n.slice(0, -5)));
      if (j && j.state !== 'done') out.push(j);
    }
    return out;
  }
}
