import type { FleetImage } from '../../../domain/resources/types.js';
import type { CompiledFilter } from '../../presenters/filter.js';
import { formatBytes, shortId } from '../../presenters/format.js';
import { baseRow, type ResourceRowBase } from '../resources/cells.js';

export interface ImageRow extends ResourceRowBase {
  id: string;
  tags: string;
  allTags: string;
  size: string;
}

export function tagsCell(tags: readonly string[]): string {
  if (tags.length === 0) return '<none>';
  return tags.length === 1 ? (tags[0] ?? '') : `${tags[0]} +${tags.length - 1}`;
}

/** One row per image ID, in the read's order (newest first); the filter sees ID, tags and hosts. */
export function presentImages(
  images: readonly FleetImage[],
  now: number,
  marks: ReadonlyMap<string, string>,
  filter?: CompiledFilter,
): ImageRow[] {
  const rows = images.map((i): ImageRow => ({
    ...baseRow(i.id, i, now, marks),
    id: shortId(i.id.replace(/^sha256:/, '')),
    tags: tagsCell(i.tags),
    allTags: i.tags.join(', ') || '<none>',
    size: formatBytes(i.sizeBytes),
  }));
  if (!filter) return rows;
  return rows.filter((r, n) =>
    filter.test(`${images[n]?.id ?? ''} ${r.allTags} ${images[n]?.hosts.join(' ') ?? ''}`),
  );
}
