import type { FleetVolume } from '../../../domain/resources/types.js';
import { formatBytes } from '../../presenters/format.js';
import { ageCell } from '../resources/cells.js';
import { placeBindings, placeFrame } from '../resources/place-frame.js';
import type { ViewModule } from '../view-module.js';
import { volumeKey } from './present.js';

/** Enter on a volume: each host's volume of that name (its own data) and the containers mounting it. */
export const volumeView: ViewModule = {
  name: 'volume',
  bindings: placeBindings('volumes'),
  frame: (input) =>
    placeFrame<FleetVolume>(
      input,
      input.resources?.volumes,
      volumeKey,
      (v) => ({
        heading: `Volume ${v.name}`,
        figures: [
          ['driver', v.driver],
          [
            'size',
            `${formatBytes(v.sizeBytes)}${v.hosts.length > 1 ? ' (summed: each host has its own data)' : ''}`,
          ],
          ['created', `${ageCell(v.created, input.now)} ago`],
          ['dangling', v.dangling ? 'yes (no container mounts it)' : 'no'],
        ],
        places: v.places,
      }),
      (key) => `volume ${key.slice(0, key.indexOf('@'))}`,
    ),
};
