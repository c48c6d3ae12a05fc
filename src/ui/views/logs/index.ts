import type { KeyBinding } from '../../dashboard/binding.js';
import { pageFrame, type ViewModule } from '../view-module.js';

/** Carried out by the logs pane itself (see logs/pane-keys.ts): no `run` here. */
export const LOGS_PANE_BINDINGS: readonly KeyBinding[] = [
  { id: 'logs.search', keys: ['/'], description: 'Search (regex, live)', mutating: false },
  { id: 'logs.next', keys: ['n'], description: 'Next match', mutating: false },
  { id: 'logs.prev', keys: ['N'], description: 'Previous match', mutating: false },
  { id: 'logs.filter', keys: ['f'], description: 'Show only matching lines', mutating: false },
  { id: 'logs.case', keys: ['i'], description: 'Toggle ignore case', mutating: false },
  { id: 'logs.time', keys: ['t'], description: 'Toggle timestamps', mutating: false },
  { id: 'logs.pause', keys: [' '], description: 'Pause / follow (new lines keep arriving)', mutating: false },
  { id: 'logs.save', keys: ['w'], description: 'Write the buffer to a file', mutating: false },
];

export const logsView: ViewModule = {
  name: 'logs',
  bindings: LOGS_PANE_BINDINGS,
  // The logs pane draws this view from its own session (see ui/logs/LogsView).
  frame: () => pageFrame([]),
};
