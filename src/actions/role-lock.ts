import { Readable } from 'node:stream';
import type { HostMutations } from '../docker/mutations/index.js';
import { LOCK_PREFIX } from './planners/redeploy-plan.js';
import { firstFileOfTar, tarOfFile } from './tar-dirs.js';

export const LOCK_LABEL = 'org.fleetdeck.lock';
export const LOCK_ROLLOUT_LABEL = 'org.fleetdeck.lock.rollout';
export const LOCK_OWNER_LABEL = 'org.fleetdeck.lock.owner';
export const LOCK_USER_LABEL = 'org.fleetdeck.lock.user';
export const LOCK_MACHINE_LABEL = 'org.fleetdeck.lock.machine';
export const LOCK_SINCE_LABEL = 'org.fleetdeck.lock.since';
/** Inside the lock container (labels cannot change): the ISO time of the holder's last heartbeat. */
export const LOCK_HEARTBEAT_FILE = '.fleetdeck-lock-heartbeat';
/** The holder beats this often while its rollout runs; older than LOCK_STALE_MS, the lock is stale. */
export const LOCK_HEARTBEAT_MS = 20_000;
export const LOCK_STALE_MS = 120_000;
/** `--break-lock` watches a lock that looks fresh this long: a holder that is alive beats in it. */
export const LOCK_WATCH_MS = LOCK_HEARTBEAT_MS + LOCK_HEARTBEAT_MS / 2;

export class LockHeld extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LockHeld';
  }
}

export interface LockOwner {
  rolloutId: string;
  user: string;
  machine: string;
  /** ISO time the rollout started. */
  since: string;
}

export interface LockHolder {
  host: string;
  labels: Readonly<Record<string, string>>;
  /** ISO time of the last heartbeat, when one was recorded. */
  heartbeat?: string;
}

export const lockName = (role: string): string => `${LOCK_PREFIX}${role}`;

async function readAll(s: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of s as AsyncIterable<Buffer>) chunks.push(c);
  return Buffer.concat(chunks);
}

/** Who holds the role's lock on `m`, with their last heartbeat; undefined when nobody does. */
export async function lockHolder(m: HostMutations, role: string): Promise<LockHolder | undefined> {
  const c = await m.findByName(lockName(role));
  if (!c) return undefined;
  const heartbeat = await m
    .getArchive(c.id, `/${LOCK_HEARTBEAT_FILE}`)
    .then(readAll)
    .then((b) => firstFileOfTar(b)?.trim())
    .catch(() => undefined);
  return { host: m.host, labels: c.labels, ...(heartbeat ? { heartbeat } : {}) };
}

/** `rollout R of user@machine since T, last heartbeat H (N s ago)`, for messages. */
export function describeHolder(h: LockHolder, now: number): string {
  const l = h.labels;
  const who =
    l[LOCK_USER_LABEL] && l[LOCK_MACHINE_LABEL]
      ? `${l[LOCK_USER_LABEL]}@${l[LOCK_MACHINE_LABEL]}`
      : (l[LOCK_OWNER_LABEL] ?? 'someone');
  const beat = h.heartbeat
    ? `, last heartbeat ${h.heartbeat} (${Math.max(0, Math.round((now - Date.parse(h.heartbeat)) / 1000))} s ago)`
    : ', no heartbeat recorded';
  return `rollout ${l[LOCK_ROLLOUT_LABEL] ?? '?'} of ${who} since ${l[LOCK_SINCE_LABEL] ?? '?'}${beat}`;
}

/** Stale: its holder has not beaten for LOCK_STALE_MS (a holder from before heartbeats: by its start). */
export function isStale(h: LockHolder, now: number): boolean {
  const last = Date.parse(h.heartbeat ?? h.labels[LOCK_SINCE_LABEL] ?? '');
  return !Number.isFinite(last) || now - last > LOCK_STALE_MS;
}

/** Writes the heartbeat file into the lock container on each host (best effort, per host). */
export async function beatRoleLock(
  role: string,
  hosts: readonly HostMutations[],
  iso: string,
): Promise<void> {
  await Promise.allSettled(
    hosts.map((m) => m.putArchive(lockName(role), '/', Readable.from([tarOfFile(LOCK_HEARTBEAT_FILE, iso)]))),
  );
}

/**
 * The role lock lives on the hosts, as a created-never-started container named
 * `fleetdeck-lock-ROLE`: the daemon refuses a second container of that name, so two operators on
 * two machines cannot both take it. Hosts are locked in name order; a refusal releases what was taken.
 */
export async function acquireRoleLock(
  role: string,
  hosts: ReadonlyArray<{ m: HostMutations; image: string }>,
  owner: LockOwner,
  now: () => number = Date.now,
): Promise<() => Promise<void>> {
  const name = lockName(role);
  const taken: HostMutations[] = [];
  const release = async (): Promise<void> => {
    await Promise.allSettled(taken.map((m) => m.remove(name, { force: true })));
  };
  for (const { m, image } of [...hosts].sort((a, b) => a.m.host.localeCompare(b.m.host))) {
    const r = await m.createLock(name, image, {
      [LOCK_LABEL]: role,
      [LOCK_ROLLOUT_LABEL]: owner.rolloutId,
      [LOCK_OWNER_LABEL]: `${owner.user}@${owner.machine}`,
      [LOCK_USER_LABEL]: owner.user,
      [LOCK_MACHINE_LABEL]: owner.machine,
      [LOCK_SINCE_LABEL]: owner.since,
    });
    if (r.acquired) {
      taken.push(m);
      continue;
    }
    if (r.holder[LOCK_ROLLOUT_LABEL] === owner.rolloutId) {
      taken.push(m); // ours, from before a crash: resuming takes it over
      continue;
    }
    await release();
    const holder = (await lockHolder(m, role).catch(() => undefined)) ?? { host: m.host, labels: r.holder };
    const t = now();
    const stale = isStale(holder, t);
    throw new LockHeld(
      `${m.host}: role ${role} is locked by ${describeHolder(holder, t)} — ` +
        (stale
          ? `that lock looks stale (no heartbeat for ${LOCK_STALE_MS / 1000} s); if that rollout is dead, clear it with \`fleetdeck redeploy role:${role} --break-lock\``
          : `wait for it to finish (its holder is alive: \`--break-lock\` refuses a lock whose heartbeat still moves)`),
    );
  }
  await beatRoleLock(role, taken, new Date(now()).toISOString());
  return release;
}
