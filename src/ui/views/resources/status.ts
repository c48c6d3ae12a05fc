import type { Theme } from '../../../theme/index.js';
import type { ResourceLoad } from '../../hooks/useResources.js';
import { formatDuration } from '../../presenters/format.js';
import type { ResourceView } from '../../views.js';

/** The title's tail: how fresh the rows are, and which hosts did not answer. */
export function loadParts(load: ResourceLoad<unknown>, now: number): string[] {
  const parts: string[] = [];
  const l = load.listing;
  if (l) parts.push(`${l.hosts.length} host${l.hosts.length === 1 ? '' : 's'}`);
  if (load.loading) parts.push(l ? 'refreshing…' : 'loading…');
  else if (load.loadedAt !== undefined)
    parts.push(`read ${formatDuration(Math.max(0, now - load.loadedAt))} ago`);
  const down = l?.unreachable.map((u) => u.host) ?? [];
  if (down.length > 0) parts.push(`not answered: ${down.join(', ')}`);
  if (load.error) parts.push('last read failed');
  return parts;
}

/** What the table says when it has no rows. */
export function emptyText(kind: ResourceView, load: ResourceLoad<unknown>, available: boolean): string {
  if (!available) return `${kind} are not available here (no connection to the fleet)`;
  if (load.error && !load.listing) return `could not read ${kind}: ${load.error}`;
  if (!load.listing) return `loading ${kind} of every host…`;
  if (load.listing.hosts.length === 0) return `no host answered: no ${kind} to show (see below)`;
  return `no ${kind} match`;
}

/**
 * The line under the table: hosts that did not answer, by name and why (their rows are missing),
 * else what `fallback` says about the row under the cursor.
 */
export function problemInfo(load: ResourceLoad<unknown>, theme: Theme, fallback: string): string {
  const down = load.listing?.unreachable ?? [];
  if (load.error) return theme.paint(`last read failed: ${load.error}`, 'status.warn');
  if (down.length === 0) return fallback;
  return theme.paint(
    `not read (rows of these hosts are missing): ${down.map((u) => u.problem.message).join(' · ')}`,
    'status.warn',
  );
}
