import type { FleetNetwork } from '../../../domain/resources/types.js';
import { ageCell } from '../resources/cells.js';
import { placeBindings, placeFrame } from '../resources/place-frame.js';
import type { ViewModule } from '../view-module.js';
import { networkKey } from './present.js';

/** Enter on a network: the hosts that have one of that name and the containers attached. */
export const networkView: ViewModule = {
  name: 'network',
  bindings: placeBindings('networks'),
  frame: (input) =>
    placeFrame<FleetNetwork>(
      input,
      input.resources?.networks,
      networkKey,
      (n) => ({
        heading: `Network ${n.name}`,
        figures: [
          ['driver', n.driver],
          ['scope', n.scope],
          ['ids', n.ids.map((id) => id.slice(0, 12)).join(', ')],
          ['created', `${ageCell(n.created, input.now)} ago`],
          [
            'dangling',
            n.builtin ? 'builtin (the daemon’s own)' : n.dangling ? 'yes (nothing attached)' : 'no',
          ],
        ],
        places: n.places,
      }),
      (key) => `network ${key.slice(0, key.indexOf('@'))}`,
    ),
};
