import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { dataDir, locateFleetFile } from '../../config/paths.js';
import type { Container } from '../../domain/container.js';

/*
 * Shell completion offers container names without reaching the fleet: `hosts` and `ps` leave the
 * names they just listed in `<data dir>/completion-cache.json` (host, name and role only — no
 * labels, no state). It belongs to one fleet file; completion ignores it for another.
 */

export interface CompletionCache {
  /** The fleet file the listing came from (resolved path). */
  fleet: string;
  writtenAt: string;
  hosts: string[];
  containers: { host: string; name: string; role: string }[];
}

export function completionCachePath(env: NodeJS.ProcessEnv, home = homedir()): string {
  return join(env.FLEETDECK_DATA_DIR || dataDir({ env, homedir: home }), 'completion-cache.json');
}

/** The fleet file a command with `--fleet FLAG` reads, as the cache keys it. */
export function fleetKey(flag: string | undefined, env: NodeJS.ProcessEnv, home = homedir()): string {
  return locateFleetFile({ flag, env, homedir: home }).path;
}

/** Best effort and atomic: a failed write never fails the command, a reader never sees half a file. */
export function writeCompletionCache(
  path: string,
  fleet: string,
  listing: { hosts: readonly { name: string }[]; containers: readonly Container[] },
  now: number,
): void {
  const cache: CompletionCache = {
    fleet,
    writtenAt: new Date(now).toISOString(),
    hosts: listing.hosts.map((h) => h.name),
    containers: listing.containers.map((c) => ({ host: c.host, name: c.name, role: c.role })),
  };
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(tmp, JSON.stringify(cache) + '\n', { mode: 0o600 });
    renameSync(tmp, path);
  } catch {
    // A read-only home or a full disk costs completion its container names, nothing else.
  }
}

export function readCompletionCache(path: string, fleet: string): CompletionCache | undefined {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<CompletionCache>;
    if (parsed.fleet !== fleet || !Array.isArray(parsed.containers) || !Array.isArray(parsed.hosts)) {
      return undefined;
    }
    return parsed as CompletionCache;
  } catch {
    return undefined;
  }
}
