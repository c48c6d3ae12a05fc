import type { Container } from '../../domain/container.js';
import type { ContainerAlertEntry } from './alert-sources.js';
import type { RoleRow } from '../views/roles/present.js';
import type { RoleMemo } from '../views/roles/role-memo.js';

/**
 * What the alert line remembers between renders. Snapshots are immutable and the store replaces
 * only the containers an event changed, so at 100 hosts × 50 containers nearly every container
 * object, role and alert text is the same as a render ago: recomputing them all (~5,000 containers,
 * ~900 alert texts masked) was a third of the dashboard's idle CPU. Keyed by object identity, so a
 * changed container is always recomputed; entries of containers gone are dropped with them.
 */
export interface AlertMemo {
  readonly containers: WeakMap<Container, ContainerAlertEntry>;
  readonly roles: RoleMemo<Omit<RoleRow, 'tone'>>;
  /** Alert text → the text with secret shapes masked. */
  readonly masked: Map<string, string>;
}

/** More distinct texts than this and the mask memo starts over (texts carry ages that change). */
export const MASKED_MEMO_LIMIT = 20_000;

export function createAlertMemo(): AlertMemo {
  return { containers: new WeakMap(), roles: new Map(), masked: new Map() };
}

/** `fn(text)` once per distinct text while the memo lasts. */
export function maskedText(memo: AlertMemo | undefined, text: string, fn: (t: string) => string): string {
  if (!memo) return fn(text);
  const hit = memo.masked.get(text);
  if (hit !== undefined) return hit;
  if (memo.masked.size >= MASKED_MEMO_LIMIT) memo.masked.clear();
  const out = fn(text);
  memo.masked.set(text, out);
  return out;
}
