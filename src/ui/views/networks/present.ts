import type { FleetNetwork } from '../../../domain/resources/types.js';
import type { CompiledFilter } from '../../presenters/filter.js';
import { baseRow, type ResourceRowBase } from '../resources/cells.js';

export interface NetworkRow extends ResourceRowBase {
  name: string;
  driver: string;
  scope: string;
}

/** A network row's key: `bridge` on every host is one row, per driver. */
export const networkKey = (n: { name: string; driver: string }): string => `${n.name}@${n.driver}`;

/** One row per network name and driver; builtin ones (bridge, host, none, ingress) are never dangling. */
export function presentNetworks(
  networks: readonly FleetNetwork[],
  now: number,
  marks: ReadonlyMap<string, string>,
  filter?: CompiledFilter,
): NetworkRow[] {
  return networks
    .filter((n) => !filter || filter.test(`${n.name} ${n.driver} ${n.scope} ${n.hosts.join(' ')}`))
    .map((n): NetworkRow => ({
      ...baseRow(networkKey(n), n, now, marks, n.builtin),
      name: n.name,
      driver: n.driver,
      scope: n.scope,
    }));
}
