import { COMMAND_BINDING, FILTER_BINDING } from '../../dashboard/common-bindings.js';
import type { KeyBinding } from '../../dashboard/binding.js';
import { openPlacesBinding, pruneBinding, refreshBinding } from '../resources/bindings.js';

export const VOLUME_BINDINGS: readonly KeyBinding[] = [
  openPlacesBinding('volumes'),
  FILTER_BINDING,
  COMMAND_BINDING,
  refreshBinding('volumes'),
  pruneBinding('volumes'),
];
