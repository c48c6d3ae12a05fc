import type { Container } from '../../../domain/container.js';
import type { ThemeToken } from '../../../theme/index.js';
import type { CompiledFilter } from '../../presenters/filter.js';
import { shortImage } from '../../presenters/format.js';
import { sameReplicas, type RoleMemo } from './role-memo.js';

export const REVISION_LABEL = 'org.opencontainers.image.revision';

export interface RoleRow {
  key: string;
  role: string;
  running: number;
  total: number;
  healthy: number;
  unhealthy: number;
  hosts: string[];
  images: string[];
  /** Set when replicas run different image IDs or revisions: says what differs. */
  drift?: string;
  /** Replicas whose last docker stop ended in SIGKILL. */
  ignoringStop: number;
  /** `2 stale (web-b stale 40s)`: replicas on hosts that stopped answering. */
  stale?: string | undefined;
  tone: ThemeToken;
}

function distinct(values: Iterable<string>): string[] {
  return [...new Set(values)].sort();
}

/** Drift is judged on running replicas: a stale exited container with an old image is not drift. */
function describeDrift(replicas: readonly Container[]): string | undefined {
  const running = replicas.filter((c) => c.state === 'running');
  const judged = running.length > 0 ? running : replicas;
  const ids = distinct(judged.map((c) => c.imageId));
  const revisions = distinct(judged.map((c) => c.labels[REVISION_LABEL]).filter((r): r is string => !!r));
  const parts: string[] = [];
  if (ids.length > 1) parts.push(`${ids.length} image IDs`);
  if (revisions.length > 1) parts.push(`revisions ${revisions.map((r) => r.slice(0, 7)).join(',')}`);
  return parts.length > 0 ? `drift: ${parts.join(', ')}` : undefined;
}

function roleTone(row: Omit<RoleRow, 'tone'>): ThemeToken {
  if (row.running === 0) return 'status.crit';
  if (row.unhealthy > 0) return 'status.unhealthy';
  if (row.running < row.total || row.drift || row.ignoringStop > 0) return 'status.warn';
  return 'status.healthy';
}

export function presentRoles(
  containers: readonly Container[],
  filter?: CompiledFilter,
  ignoresStopSignal?: ReadonlySet<string>,
  memo?: { roles: RoleMemo<Omit<RoleRow, 'tone'>> },
): RoleRow[] {
  const byRole = new Map<string, Container[]>();
  for (const c of containers) {
    const list = byRole.get(c.role);
    if (list) list.push(c);
    else byRole.set(c.role, [c]);
  }
  const rows: RoleRow[] = [];
  for (const [role, replicas] of [...byRole].sort(([a], [b]) => a.localeCompare(b))) {
    const known = memo?.roles.get(role);
    const base = sameReplicas(known, replicas, ignoresStopSignal)
      ? known.row
      : presentRole(role, replicas, ignoresStopSignal);
    memo?.roles.set(role, { replicas, ignoresStopSignal, row: base });
    const row: RoleRow = { ...base, tone: roleTone(base) };
    if (filter && !filter.test(`${role} ${row.hosts.join(' ')} ${row.images.join(' ')} ${row.drift ?? ''}`))
      continue;
    rows.push(row);
  }
  if (memo) for (const role of memo.roles.keys()) if (!byRole.has(role)) memo.roles.delete(role);
  return rows;
}

function presentRole(
  role: string,
  replicas: readonly Container[],
  ignoresStopSignal: ReadonlySet<string> | undefined,
): Omit<RoleRow, 'tone'> {
  return {
    key: role,
    role,
    running: replicas.filter((c) => c.state === 'running').length,
    total: replicas.length,
    healthy: replicas.filter((c) => c.health === 'healthy').length,
    unhealthy: replicas.filter((c) => c.health === 'unhealthy').length,
    hosts: distinct(replicas.map((c) => c.host)),
    images: distinct(replicas.map((c) => shortImage(c.image))),
    drift: describeDrift(replicas),
    ignoringStop: ignoresStopSignal
      ? replicas.filter((c) => ignoresStopSignal.has(`${c.host}/${c.id}`)).length
      : 0,
  };
}

/** Roles with replicas on hosts that stopped answering say so: their counts are the last known. */
export function markStaleRoles(
  rows: readonly RoleRow[],
  containers: readonly Container[],
  marks: ReadonlyMap<string, string>,
): RoleRow[] {
  if (marks.size === 0) return rows as RoleRow[];
  return rows.map((row) => {
    const stale = containers.filter((c) => c.role === row.role && marks.has(c.host));
    if (stale.length === 0) return row;
    const hosts = distinct(stale.map((c) => c.host)).map((h) => `${h} ${marks.get(h) ?? ''}`);
    return {
      ...row,
      stale: `${stale.length} stale (${hosts.join(', ')})`,
      tone: row.tone === 'status.healthy' ? 'status.warn' : row.tone,
    };
  });
}
