import type { HostStatus } from '../../../domain/host.js';
import type { ThemeToken } from '../../../theme/index.js';
import { HOST_STATE_TONE } from '../hosts/present.js';
import type { RoleRow } from '../roles/present.js';

export interface Tile {
  key: string;
  title: string;
  line: string;
  tone: ThemeToken;
}

export function roleTiles(roles: readonly RoleRow[]): Tile[] {
  return roles.map((r) => ({
    key: `role/${r.role}`,
    title: r.role,
    line: `${r.running}/${r.total} up${r.unhealthy ? ` ${r.unhealthy} sick` : ''}${r.drift ? ' drift' : ''}`,
    tone: r.tone,
  }));
}

export function hostTiles(hosts: readonly HostStatus[]): Tile[] {
  return hosts.map((h) => ({
    key: `host/${h.name}`,
    title: h.name,
    line:
      h.state === 'up'
        ? `up ${h.docker?.containersRunning ?? '?'}/${h.docker?.containersTotal ?? '?'}`
        : h.state,
    tone: HOST_STATE_TONE[h.state],
  }));
}

/** Splits tiles into pages of at most `perPage`; always at least one (possibly empty) page. */
export function paginate<T>(items: readonly T[], perPage: number): T[][] {
  const size = Math.max(1, perPage);
  const pages: T[][] = [];
  for (let i = 0; i < items.length; i += size) pages.push(items.slice(i, i + size));
  return pages.length > 0 ? pages : [[]];
}
