import { staleMarks } from '../../presenters/stale.js';
import { resourceTableFrame } from '../resources/table-frame.js';
import type { ViewModule } from '../view-module.js';
import { IMAGE_BINDINGS } from './bindings.js';
import { IMAGE_COLUMNS } from './columns.js';
import { presentImages } from './present.js';

/** `:images`: one row per image ID across the fleet. */
export const imagesView: ViewModule = {
  name: 'images',
  bindings: IMAGE_BINDINGS,
  frame(input) {
    const load = input.resources?.images ?? { loading: false };
    const all = load.listing?.rows ?? [];
    const rows = presentImages(all, input.now, staleMarks(input.snapshot.hosts, input.now), input.filter);
    return resourceTableFrame(input, {
      kind: 'images',
      load,
      rows,
      all: all.length,
      columns: IMAGE_COLUMNS,
      info: (r) => input.theme.paint(`${r.id}  ${r.allTags}  on ${r.hostCount} host(s)`, 'text.dim'),
    });
  },
};
