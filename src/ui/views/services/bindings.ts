import type { KeyBinding } from '../../dashboard/binding.js';
import { actionBinding, COMMAND_BINDING, LOGS_BINDING } from '../../dashboard/common-bindings.js';
import { goStep, withCursor } from '../../dashboard/nav.js';
import { FIRST_CURSOR, stay } from '../../dashboard/state.js';

/** `:services` (and a service's row in Roles): its tasks, logs, and the swarm's own changes of it. */
export const SERVICE_ACTIONS: readonly KeyBinding[] = [
  actionBinding('action.scale', 's', 'Scale the service (asks the replica count)', 'swarm-scale'),
  actionBinding(
    'action.forceUpdate',
    'F',
    'Force-update: the swarm replaces every task (same spec)',
    'swarm-force-update',
  ),
  actionBinding(
    'action.serviceRollback',
    'B',
    'Roll the service back to its previous spec',
    'swarm-rollback',
  ),
];

export const OPEN_TASKS: KeyBinding = {
  id: 'open',
  keys: ['enter'],
  description: 'Open: the tasks of the service',
  mutating: false,
  run: (s, c) => {
    const sel = c.frame.selection;
    if (sel?.kind !== 'service') return stay(s);
    const next = withCursor({ ...s, tasksOf: `${sel.swarm}/${sel.id}` }, 'tasks', FIRST_CURSOR);
    return goStep(next, 'tasks', true);
  },
};

export const SERVICE_BINDINGS: readonly KeyBinding[] = [
  OPEN_TASKS,
  COMMAND_BINDING,
  ...SERVICE_ACTIONS,
  LOGS_BINDING,
];
