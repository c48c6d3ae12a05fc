import type { FleetVolume } from '../../../domain/resources/types.js';
import type { CompiledFilter } from '../../presenters/filter.js';
import { formatBytes } from '../../presenters/format.js';
import { baseRow, type ResourceRowBase } from '../resources/cells.js';

export interface VolumeRow extends ResourceRowBase {
  name: string;
  driver: string;
  size: string;
}

/** A volume row's key: the name is only unique per driver. */
export const volumeKey = (v: { name: string; driver: string }): string => `${v.name}@${v.driver}`;

/** One row per volume name and driver, by name; the filter sees name, driver and hosts. */
export function presentVolumes(
  volumes: readonly FleetVolume[],
  now: number,
  marks: ReadonlyMap<string, string>,
  filter?: CompiledFilter,
): VolumeRow[] {
  const rows = volumes
    .filter((v) => !filter || filter.test(`${v.name} ${v.driver} ${v.hosts.join(' ')}`))
    .map((v): VolumeRow => ({
      ...baseRow(volumeKey(v), v, now, marks),
      name: v.name,
      driver: v.driver,
      size: formatBytes(v.sizeBytes),
    }));
  return rows;
}
