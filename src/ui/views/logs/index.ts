import type { KeyBinding } from '../../dashboard/binding.js';
import { pageFrame, type ViewModule } from '../view-module.js';

/** Carried out by the logs pane itself (see logs/pane-keys.ts): no `run` here. */
export const LOGS_PANE_BINDINGS: readonly KeyBinding[] = [
  { id: 'logs.search', hint: 'search', keys: ['/'], description: 'Search (regex, live)', mutating: false },
  { id: 'logs.next', hint: 'next', keys: ['n'], description: 'Next match', mutating: false },
  { id: 'logs.prev', hint: 'prev', keys: ['N'], description: 'Previous match', mutating: false },
  {
    id: 'logs.filter',
    hint: 'filter',
    keys: ['f'],
    description: 'Show only matching lines',
    mutating: false,
  },
  { id: 'logs.case', hint: 'case', keys: ['i'], description: 'Toggle ignore case', mutating: false },
  { id: 'logs.time', hint: 'time', keys: ['t'], description: 'Toggle timestamps', mutating: false },
  {
    id: 'logs.pause',
    hint: 'pause',
    keys: [' '],
    description: 'Pause / follow (new lines keep arriving)',
    mutating: false,
  },
  { id: 'logs.save', hint: 'save', keys: ['w'], description: 'Write the buffer to a file', mutating: false },
];

export const logsView: ViewModule = {
  name: 'logs',
  bindings: LOGS_PANE_BINDINGS,
  // The logs pane draws this view from its own session (see ui/logs/LogsView).
  frame: () => pageFrame([]),
};
