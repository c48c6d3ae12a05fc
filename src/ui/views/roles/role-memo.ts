import type { Container } from '../../../domain/container.js';

/** A role's row as last presented, with the replicas (by identity) and stop-signal set it came from. */
export interface RoleMemoEntry<Row> {
  replicas: readonly Container[];
  ignoresStopSignal: ReadonlySet<string> | undefined;
  row: Row;
}

/** Role → its last row: a role whose replicas are the same objects as then is not presented again. */
export type RoleMemo<Row> = Map<string, RoleMemoEntry<Row>>;

/** The entry when it was made from exactly these replicas (same objects, same order, same set). */
export function sameReplicas<Row>(
  entry: RoleMemoEntry<Row> | undefined,
  replicas: readonly Container[],
  ignoresStopSignal: ReadonlySet<string> | undefined,
): entry is RoleMemoEntry<Row> {
  if (!entry || entry.ignoresStopSignal !== ignoresStopSignal) return false;
  if (entry.replicas.length !== replicas.length) return false;
  return replicas.every((c, i) => entry.replicas[i] === c);
}
