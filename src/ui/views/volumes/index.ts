import { staleMarks } from '../../presenters/stale.js';
import { resourceTableFrame } from '../resources/table-frame.js';
import type { ViewModule } from '../view-module.js';
import { VOLUME_BINDINGS } from './bindings.js';
import { VOLUME_COLUMNS } from './columns.js';
import { presentVolumes } from './present.js';

/** `:volumes`: one row per volume (name and driver) across the fleet; sizes summed over hosts. */
export const volumesView: ViewModule = {
  name: 'volumes',
  bindings: VOLUME_BINDINGS,
  frame(input) {
    const load = input.resources?.volumes ?? { loading: false };
    const all = load.listing?.rows ?? [];
    const rows = presentVolumes(all, input.now, staleMarks(input.snapshot.hosts, input.now), input.filter);
    return resourceTableFrame(input, {
      kind: 'volumes',
      load,
      rows,
      all: all.length,
      columns: VOLUME_COLUMNS,
      info: (r) =>
        input.theme.paint(
          `${r.name} (${r.driver}) on ${r.hostCount} host(s), ${r.containers} container(s)`,
          'text.dim',
        ),
    });
  },
};
