import type { FleetImage } from '../../../domain/resources/types.js';
import { formatBytes, shortId } from '../../presenters/format.js';
import { placeBindings, placeFrame } from '../resources/place-frame.js';
import { ageCell } from '../resources/cells.js';
import type { ViewModule } from '../view-module.js';

const short = (id: string): string => shortId(id.replace(/^sha256:/, ''));

/** Enter on an image: the hosts that have it and the containers (host/name) using it. */
export const imageView: ViewModule = {
  name: 'image',
  bindings: placeBindings('images'),
  frame: (input) =>
    placeFrame<FleetImage>(
      input,
      input.resources?.images,
      (i) => i.id,
      (i) => ({
        heading: `Image ${short(i.id)}`,
        figures: [
          ['id', i.id],
          ['tags', i.tags.join(', ') || '<none>'],
          ['size', formatBytes(i.sizeBytes)],
          ['created', `${ageCell(i.created, input.now)} ago`],
          ['dangling', i.dangling ? 'yes (no tag on any host)' : 'no'],
        ],
        places: i.places,
      }),
      (key) => `image ${short(key)}`,
    ),
};
