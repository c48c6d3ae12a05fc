import type { Container } from '../../domain/container.js';

/**
 * What an event changes on one container, each ordered on its own: a rename that arrives after a
 * newer start still renames, and a late `die` does not undo a newer `start`.
 */
export type Aspect = 'state' | 'health' | 'name';

/** The newest event applied to one aspect of a container: its time and the actions applied then. */
export interface Mark {
  readonly timeNano: bigint;
  readonly actions: readonly string[];
}

/**
 * One host's containers as the event applier keeps them: the list (what the store shows) plus
 * what it needs to order events — per container and aspect the newest event applied, the ids
 * destroyed (late events about them are dropped), the ids known to have a health check (a start
 * makes those "health: starting", as dockerd does). A plain immutable value: the watcher holds it.
 */
export interface HostContainers {
  readonly containers: readonly Container[];
  readonly marks: ReadonlyMap<string, Readonly<Partial<Record<Aspect, Mark>>>>;
  readonly destroyed: ReadonlyMap<string, bigint>;
  readonly healthChecked: ReadonlySet<string>;
}

/** How many destroyed ids are remembered (a replay after a reconnect reaches back a few minutes). */
export const DESTROYED_KEPT = 256;

/**
 * The state after a (re-)list: the list is the truth. What was learnt from earlier events is kept
 * for the containers still listed, so a `since` replay of events already applied is recognised.
 */
export function fromList(containers: readonly Container[], previous?: HostContainers): HostContainers {
  const ids = new Set(containers.map((c) => c.id));
  const marks = new Map<string, Readonly<Partial<Record<Aspect, Mark>>>>();
  const healthChecked = new Set<string>();
  for (const c of containers) {
    const mark = previous?.marks.get(c.id);
    if (mark) marks.set(c.id, mark);
    if (c.health !== 'none' || previous?.healthChecked.has(c.id)) healthChecked.add(c.id);
  }
  const destroyed = new Map([...(previous?.destroyed ?? [])].filter(([id]) => !ids.has(id)));
  return { containers: [...containers], marks, destroyed, healthChecked };
}

/** An empty state (before the first list). */
export const EMPTY_HOST: HostContainers = fromList([]);
