import { formatBytes, formatDuration } from '../../domain/format/index.js';
import type { FleetImage, FleetNetwork, FleetVolume, ResourcePlace } from '../../domain/resources/types.js';

import { renderModeTable, type ColumnSpec, type TableOptions } from './table.js';

/*
 * `fleetdeck images|volumes|networks`: one row per image ID / volume / network across the fleet.
 * JSON keeps every host's part (`places`) so a script sees where each thing is and what uses it.
 */

type Opts = TableOptions & { wide?: boolean; now: number };

/** `sha256:0123456789ab…` → `0123456789ab`, as `docker images` prints IDs. */
export function shortId(id: string): string {
  return id.replace(/^sha256:/, '').slice(0, 12);
}

function hostsCell(hosts: readonly string[], wide: boolean): string {
  if (wide || hosts.length <= 3) return hosts.join(',');
  return `${hosts.slice(0, 3).join(',')} +${hosts.length - 3}`;
}

function age(created: number | undefined, now: number): string {
  return created === undefined || created <= 0 ? '-' : formatDuration(now - created * 1000);
}

function iso(created: number | undefined): string | null {
  return created === undefined || created <= 0 ? null : new Date(created * 1000).toISOString();
}

function placesJson(places: readonly ResourcePlace[]) {
  return places.map((p) => ({
    host: p.host,
    containers: p.containers,
    dangling: p.dangling,
    sizeBytes: p.sizeBytes ?? null,
  }));
}

const IMAGE_COLUMNS: readonly ColumnSpec[] = [
  { header: 'ID', max: 12, wideMax: 71 },
  { header: 'TAGS', max: 40, wideMax: 200 },
  { header: 'HOSTS', max: 40, wideMax: 400 },
  { header: 'SIZE', max: 10, wideMax: 10 },
  { header: 'CONTAINERS', max: 10, wideMax: 10 },
  { header: 'CREATED', max: 8, wideMax: 8 },
  { header: 'DANGLING', max: 8, wideMax: 8 },
];

export function imagesTable(rows: readonly FleetImage[], opts: Opts): string {
  const wide = Boolean(opts.wide);
  const lines = rows.map((r) => [
    wide ? r.id : shortId(r.id),
    r.tags.length === 0
      ? '<none>'
      : wide || r.tags.length === 1
        ? r.tags.join(',')
        : `${r.tags[0]} +${r.tags.length - 1}`,
    hostsCell(r.hosts, wide),
    formatBytes(r.sizeBytes),
    String(r.containers),
    age(r.created, opts.now),
    r.dangling ? 'yes' : 'no',
  ]);
  return renderModeTable(wide, IMAGE_COLUMNS, lines, opts);
}

export function imagesJson(rows: readonly FleetImage[]) {
  return rows.map((r) => ({
    id: r.id,
    tags: r.tags,
    hosts: r.hosts,
    sizeBytes: r.sizeBytes,
    containers: r.containers,
    created: iso(r.created),
    dangling: r.dangling,
    places: placesJson(r.places),
  }));
}

/** `-o name`: the first tag, else the short ID (what `docker rmi` takes). */
export function imageNames(rows: readonly FleetImage[]): string[] {
  return rows.map((r) => r.tags[0] ?? shortId(r.id));
}

const VOLUME_COLUMNS: readonly ColumnSpec[] = [
  { header: 'NAME', max: 40, wideMax: 100 },
  { header: 'DRIVER', max: 12, wideMax: 24 },
  { header: 'HOSTS', max: 40, wideMax: 400 },
  { header: 'SIZE', max: 10, wideMax: 10 },
  { header: 'CONTAINERS', max: 10, wideMax: 10 },
  { header: 'CREATED', max: 8, wideMax: 8 },
  { header: 'DANGLING', max: 8, wideMax: 8 },
  { header: 'PER HOST', max: 0, wideMax: 400, wideOnly: true },
];

export function volumesTable(rows: readonly FleetVolume[], opts: Opts): string {
  const wide = Boolean(opts.wide);
  const lines = rows.map((r) => [
    r.name,
    r.driver,
    hostsCell(r.hosts, wide),
    r.sizeBytes === undefined ? '-' : formatBytes(r.sizeBytes),
    String(r.containers),
    age(r.created, opts.now),
    r.dangling ? 'yes' : 'no',
    r.places
      .map((p) => `${p.host} ${p.sizeBytes === undefined ? '?' : formatBytes(p.sizeBytes)} ${p.containers}c`)
      .join(', '),
  ]);
  return renderModeTable(wide, VOLUME_COLUMNS, lines, opts);
}

export function volumesJson(rows: readonly FleetVolume[]) {
  return rows.map((r) => ({
    name: r.name,
    driver: r.driver,
    hosts: r.hosts,
    sizeBytes: r.sizeBytes ?? null,
    containers: r.containers,
    created: iso(r.created),
    dangling: r.dangling,
    places: placesJson(r.places),
  }));
}

const NETWORK_COLUMNS: readonly ColumnSpec[] = [
  { header: 'NAME', max: 40, wideMax: 100 },
  { header: 'DRIVER', max: 12, wideMax: 24 },
  { header: 'SCOPE', max: 8, wideMax: 8 },
  { header: 'HOSTS', max: 40, wideMax: 400 },
  { header: 'CONTAINERS', max: 10, wideMax: 10 },
  { header: 'CREATED', max: 8, wideMax: 8 },
  { header: 'DANGLING', max: 8, wideMax: 8 },
  { header: 'IDS', max: 0, wideMax: 400, wideOnly: true },
];

export function networksTable(rows: readonly FleetNetwork[], opts: Opts): string {
  const wide = Boolean(opts.wide);
  const lines = rows.map((r) => [
    r.name,
    r.driver,
    r.scope,
    hostsCell(r.hosts, wide),
    String(r.containers),
    age(r.created, opts.now),
    r.builtin ? 'builtin' : r.dangling ? 'yes' : 'no',
    r.ids.map(shortId).join(','),
  ]);
  return renderModeTable(wide, NETWORK_COLUMNS, lines, opts);
}

export function networksJson(rows: readonly FleetNetwork[]) {
  return rows.map((r) => ({
    name: r.name,
    driver: r.driver,
    scope: r.scope,
    ids: r.ids,
    builtin: r.builtin,
    hosts: r.hosts,
    containers: r.containers,
    created: iso(r.created),
    dangling: r.dangling,
    places: placesJson(r.places),
  }));
}
