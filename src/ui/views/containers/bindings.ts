import type { KeyBinding } from '../../dashboard/binding.js';
import {
  COMMAND_BINDING,
  CONTAINER_ACTIONS,
  FILTER_BINDING,
  LOGS_BINDING,
} from '../../dashboard/common-bindings.js';
import { goStep, withCursor } from '../../dashboard/nav.js';
import { FIRST_CURSOR, stay } from '../../dashboard/state.js';
import { CONTAINER_SORT_COLUMNS } from './present.js';

export const CONTAINER_BINDINGS: readonly KeyBinding[] = [
  {
    id: 'open',
    keys: ['enter'],
    description: 'Open: host/role → its containers, container → details',
    mutating: false,
    run: (s, c) => {
      const sel = c.frame.selection;
      if (sel?.kind !== 'container') return stay(s);
      const { host, id, name } = sel;
      return goStep(
        withCursor({ ...s, details: { host, id, name } }, 'details', FIRST_CURSOR),
        'details',
        true,
      );
    },
  },
  FILTER_BINDING,
  COMMAND_BINDING,
  {
    id: 'sortNext',
    keys: ['o', '>'],
    description: 'Sort by next column',
    mutating: false,
    run: (s) => {
      const at = s.sort ? CONTAINER_SORT_COLUMNS.indexOf(s.sort.column) : -1;
      const column = CONTAINER_SORT_COLUMNS[(at + 1) % CONTAINER_SORT_COLUMNS.length] ?? 'host';
      return stay({
        ...s,
        sort: { column, descending: column === 'cpu' || column === 'mem' || column === 'restarts' },
      });
    },
  },
  {
    id: 'sortReverse',
    keys: ['O', '<'],
    description: 'Reverse sort order',
    mutating: false,
    run: (s) =>
      stay({
        ...s,
        sort: s.sort ? { ...s.sort, descending: !s.sort.descending } : { column: 'host', descending: true },
      }),
  },
  ...CONTAINER_ACTIONS,
  LOGS_BINDING,
  {
    id: 'logsOfRows',
    keys: ['L'],
    description: 'Logs of every running container listed (scope and filter)',
    mutating: false,
    run: (s, c) =>
      c.frame.logs ? { state: s, effects: [{ type: 'openLogs', selection: c.frame.logs(true) }] } : stay(s),
  },
];
