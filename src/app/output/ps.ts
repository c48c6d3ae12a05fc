import type { Container } from '../../domain/container.js';
import { renderTable } from './table.js';

export interface PsFilter {
  host?: string;
  role?: string;
  all: boolean;
}

export function filterContainers(containers: readonly Container[], f: PsFilter): Container[] {
  return containers.filter(
    (c) =>
      (f.all || c.state === 'running') &&
      (f.host === undefined || c.host === f.host) &&
      (f.role === undefined || c.role === f.role),
  );
}

/** Stable machine output of `fleetdeck ps --json`. */
export function psJson(containers: readonly Container[]) {
  return containers.map((c) => ({
    host: c.host,
    id: c.id,
    name: c.name,
    role: c.role,
    image: c.image,
    imageId: c.imageId,
    state: c.state,
    status: c.status,
    health: c.health,
    exitCode: c.exitCode ?? null,
  }));
}

export function psTable(containers: readonly Container[]): string {
  const rows = containers.map((c) => [
    c.host,
    c.id.slice(0, 12),
    c.name,
    c.role,
    c.image,
    c.health === 'none' ? c.state : `${c.state} (${c.health})`,
    c.status,
  ]);
  return renderTable(['HOST', 'ID', 'NAME', 'ROLE', 'IMAGE', 'STATE', 'STATUS'], rows);
}
