import type { KeyBinding } from '../../dashboard/binding.js';
import { goStep, withCursor } from '../../dashboard/nav.js';
import { FIRST_CURSOR, stay, type PruneTarget } from '../../dashboard/state.js';
import { RESOURCE_PLACE_VIEWS, type ResourceView } from '../../views.js';

/** Enter: where the row's image, volume or network is, and what uses it. */
export function openPlacesBinding(kind: ResourceView): KeyBinding {
  return {
    id: 'open',
    keys: ['enter'],
    description: `Open: the hosts that have it and the containers using it`,
    mutating: false,
    run: (s, c) => {
      const key = c.frame.rowKeys[c.frame.selectedIndex ?? 0];
      if (key === undefined) return stay(s);
      const view = RESOURCE_PLACE_VIEWS[kind];
      return goStep(withCursor({ ...s, resource: key }, view, FIRST_CURSOR), view, true);
    },
  };
}

/** `r` here reads the hosts again (it restarts a container in the container views). */
export function refreshBinding(kind: ResourceView): KeyBinding {
  return {
    id: 'refresh',
    keys: ['r'],
    description: `Refresh: read the ${kind} of every host again`,
    mutating: false,
    run: (s) => ({ state: s, effects: [{ type: 'refreshResources', kind }] }),
  };
}

/** P: the prune plan in the action dialog (what goes, bytes freed per host), then confirmation. */
export function pruneBinding(what: PruneTarget): KeyBinding {
  return {
    id: 'action.prune',
    keys: ['P'],
    description: `Prune unused ${what}: the plan (what goes per host${what === 'networks' ? '' : ', bytes freed'}), then confirm; refused in read-only`,
    mutating: true,
    refusedBelow: true,
    action: 'prune',
    run: (s) => ({ state: s, effects: [{ type: 'prune', what }] }),
  };
}
