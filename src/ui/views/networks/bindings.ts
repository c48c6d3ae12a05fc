import { COMMAND_BINDING, FILTER_BINDING } from '../../dashboard/common-bindings.js';
import type { KeyBinding } from '../../dashboard/binding.js';
import { openPlacesBinding, pruneBinding, refreshBinding } from '../resources/bindings.js';

export const NETWORK_BINDINGS: readonly KeyBinding[] = [
  openPlacesBinding('networks'),
  FILTER_BINDING,
  COMMAND_BINDING,
  refreshBinding('networks'),
  pruneBinding('networks'),
];
