import type {
  FleetImage,
  FleetNetwork,
  FleetVolume,
  HostImage,
  HostNetwork,
  HostVolume,
  ResourcePlace,
} from './types.js';

/*
 * Fleet-wide rows from per-host lists. Hosts come in fleet order and each row lists them in that
 * order, so the output is stable whatever order the hosts answered in.
 */

function minDefined(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Math.min(a, b);
}

function union(into: string[], more: readonly string[]): void {
  for (const m of more) if (!into.includes(m)) into.push(m);
}

function place(
  of: { host: string; containers: number; users?: string[] },
  dangling: boolean,
  sizeBytes: number | undefined,
): ResourcePlace {
  return {
    host: of.host,
    containers: of.containers,
    dangling,
    ...(sizeBytes !== undefined ? { sizeBytes } : {}),
    ...(of.users ? { users: [...of.users] } : {}),
  };
}

/** One row per image ID, newest first, ties by ID. */
export function mergeImages(perHost: readonly (readonly HostImage[])[]): FleetImage[] {
  const rows = new Map<string, FleetImage>();
  for (const list of perHost) {
    for (const img of list) {
      const row = rows.get(img.id);
      const p = place(img, img.dangling, img.sizeBytes);
      if (!row) {
        rows.set(img.id, {
          id: img.id,
          tags: [...img.tags],
          sizeBytes: img.sizeBytes,
          hosts: [img.host],
          places: [p],
          containers: img.containers,
          created: img.created,
          dangling: img.dangling,
        });
        continue;
      }
      union(row.tags, img.tags);
      if (!row.hosts.includes(img.host)) row.hosts.push(img.host);
      row.places.push(p);
      row.containers += img.containers;
      row.created = minDefined(row.created, img.created);
      row.dangling = row.dangling && img.dangling;
    }
  }
  return [...rows.values()].sort((a, b) => (b.created ?? 0) - (a.created ?? 0) || a.id.localeCompare(b.id));
}

/** One row per volume name and driver, by name. */
export function mergeVolumes(perHost: readonly (readonly HostVolume[])[]): FleetVolume[] {
  const rows = new Map<string, FleetVolume>();
  for (const list of perHost) {
    for (const v of list) {
      const key = `${v.driver}\u0000${v.name}`;
      const row = rows.get(key);
      const dangling = v.containers === 0;
      const p = place(v, dangling, v.sizeBytes);
      if (!row) {
        rows.set(key, {
          name: v.name,
          driver: v.driver,
          hosts: [v.host],
          places: [p],
          containers: v.containers,
          ...(v.created !== undefined ? { created: v.created } : {}),
          ...(v.sizeBytes !== undefined ? { sizeBytes: v.sizeBytes } : {}),
          dangling,
        });
        continue;
      }
      if (!row.hosts.includes(v.host)) row.hosts.push(v.host);
      row.places.push(p);
      row.containers += v.containers;
      const created = minDefined(row.created, v.created);
      if (created !== undefined) row.created = created;
      if (v.sizeBytes !== undefined) row.sizeBytes = (row.sizeBytes ?? 0) + v.sizeBytes;
      row.dangling = row.dangling && dangling;
    }
  }
  return [...rows.values()].sort((a, b) => a.name.localeCompare(b.name) || a.driver.localeCompare(b.driver));
}

/** One row per network name and driver (a `bridge` on every host is one row), by name. */
export function mergeNetworks(perHost: readonly (readonly HostNetwork[])[]): FleetNetwork[] {
  const rows = new Map<string, FleetNetwork>();
  for (const list of perHost) {
    for (const n of list) {
      const key = `${n.driver}\u0000${n.name}`;
      const row = rows.get(key);
      const dangling = !n.builtin && n.containers === 0;
      const p = place(n, dangling, undefined);
      if (!row) {
        rows.set(key, {
          name: n.name,
          driver: n.driver,
          scope: n.scope,
          ids: [n.id],
          builtin: n.builtin,
          hosts: [n.host],
          places: [p],
          containers: n.containers,
          ...(n.created !== undefined ? { created: n.created } : {}),
          dangling,
        });
        continue;
      }
      if (!row.ids.includes(n.id)) row.ids.push(n.id);
      if (!row.hosts.includes(n.host)) row.hosts.push(n.host);
      row.places.push(p);
      row.containers += n.containers;
      const created = minDefined(row.created, n.created);
      if (created !== undefined) row.created = created;
      row.dangling = row.dangling && dangling;
    }
  }
  return [...rows.values()].sort((a, b) => a.name.localeCompare(b.name) || a.driver.localeCompare(b.driver));
}
