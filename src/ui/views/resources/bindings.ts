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
    description: `Prune unused ${what}: the plan (what goes, bytes freed per host), then confirm; refused in read-only`,
    mutating: true,
    refusedBelow: true,
    action: 'prune',
    run: (s) => ({ state: s, effects: [{ type: 'prune', what }] }),
  };
}

/** Networks hold no bytes and the prune planner does not take them: P says so instead of nothing. */
export const NETWORK_PRUNE_BINDING: KeyBinding = {
  id: 'action.prune',
  keys: ['P'],
  description: 'Prune: not for networks (P prunes in Images and Volumes)',
  mutating: false,
  run: (s) =>
    stay({
      ...s,
      message: {
        text: 'networks cannot be pruned from fleetdeck: P prunes images (:images) and volumes (:volumes); remove a network with `docker network rm` on its host',
        tone: 'status.warn',
      },
    }),
};
