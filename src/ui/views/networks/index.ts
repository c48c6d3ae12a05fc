import { staleMarks } from '../../presenters/stale.js';
import { resourceTableFrame } from '../resources/table-frame.js';
import type { ViewModule } from '../view-module.js';
import { NETWORK_BINDINGS } from './bindings.js';
import { NETWORK_COLUMNS } from './columns.js';
import { presentNetworks } from './present.js';

/** `:networks`: one row per network name across the fleet. */
export const networksView: ViewModule = {
  name: 'networks',
  bindings: NETWORK_BINDINGS,
  frame(input) {
    const load = input.resources?.networks ?? { loading: false };
    const all = load.listing?.rows ?? [];
    const rows = presentNetworks(all, input.now, staleMarks(input.snapshot.hosts, input.now), input.filter);
    return resourceTableFrame(input, {
      kind: 'networks',
      load,
      rows,
      all: all.length,
      columns: NETWORK_COLUMNS,
      info: (r) =>
        input.theme.paint(
          `${r.name} (${r.driver}, ${r.scope}) on ${r.hostCount} host(s), ${r.containers} attached`,
          'text.dim',
        ),
    });
  },
};
