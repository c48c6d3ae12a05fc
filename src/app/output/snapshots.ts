import type { SnapshotListing } from '../../actions/index.js';
import { formatBytes } from '../../domain/format/index.js';
import { renderModeTable, type ColumnSpec, type TableOptions } from './table.js';

const SNAPSHOT_COLUMNS: readonly ColumnSpec[] = [
  { header: 'HOST', max: 24, wideMax: 48 },
  { header: 'CONTAINER', max: 40, wideMax: 80 },
  { header: 'IMAGE', max: 60, wideMax: 120 },
  { header: 'TIME', max: 24, wideMax: 32 },
  { header: 'SIZE', max: 10, wideMax: 10 },
  { header: 'VOLUMES', max: 8, wideMax: 8 },
];

/** `fleetdeck snapshot list`: host, container and time come from image labels — sanitised like any cell. */
export function snapshotsTable(
  rows: readonly SnapshotListing[],
  opts: TableOptions & { wide?: boolean } = {},
): string {
  const cells = rows.map((r) => [
    r.host,
    r.container,
    r.image,
    r.time,
    formatBytes(r.size),
    `${r.volumes} vol`,
  ]);
  return renderModeTable(Boolean(opts.wide), SNAPSHOT_COLUMNS, cells, opts);
}
