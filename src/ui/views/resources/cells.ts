import type { ResourcePlace } from '../../../domain/resources/types.js';
import type { ThemeToken } from '../../../theme/index.js';
import { formatDuration } from '../../presenters/format.js';

/** What every resource row shows besides its own columns. */
export interface ResourceRowBase {
  key: string;
  /** `lab-0,lab-1` (the first three, then `+N`). */
  hosts: string;
  hostCount: number;
  /** `stale 40s` when a host of the row stopped answering the store (its part may be old). */
  stale?: string | undefined;
  containers: string;
  created: string;
  dangling: string;
  danglingTone: ThemeToken;
}

export function hostsCell(hosts: readonly string[]): string {
  return hosts.length <= 3 ? hosts.join(',') : `${hosts.slice(0, 3).join(',')} +${hosts.length - 3}`;
}

/** `2d` since an epoch-seconds time; `-` when the daemon did not say. */
export function ageCell(created: number | undefined, now: number): string {
  return created === undefined || created <= 0 ? '-' : formatDuration(Math.max(0, now - created * 1000));
}

/** The oldest stale mark among the row's hosts. */
export function staleOf(
  places: readonly ResourcePlace[],
  marks: ReadonlyMap<string, string>,
): string | undefined {
  for (const p of places) {
    const m = marks.get(p.host);
    if (m) return m;
  }
  return undefined;
}

export function baseRow(
  key: string,
  row: { hosts: string[]; places: ResourcePlace[]; containers: number; created?: number; dangling: boolean },
  now: number,
  marks: ReadonlyMap<string, string>,
  builtin = false,
): ResourceRowBase {
  return {
    key,
    hosts: hostsCell(row.hosts),
    hostCount: row.hosts.length,
    stale: staleOf(row.places, marks),
    containers: String(row.containers),
    created: ageCell(row.created, now),
    dangling: builtin ? 'builtin' : row.dangling ? 'yes' : 'no',
    danglingTone: builtin ? 'text.dim' : row.dangling ? 'status.warn' : 'text.primary',
  };
}
