import type { KeyBinding } from '../../dashboard/binding.js';
import { actionBinding, COMMAND_BINDING } from '../../dashboard/common-bindings.js';
import { goStep, withCursor } from '../../dashboard/nav.js';
import { FIRST_CURSOR, stay } from '../../dashboard/state.js';

/** `:nodes`: Enter goes to a joined host's containers; D and A change the node's availability. */
export const NODE_BINDINGS: readonly KeyBinding[] = [
  {
    id: 'open',
    keys: ['enter'],
    description: 'Open: the containers of the host this node is (when it is under hosts:)',
    mutating: false,
    run: (s, c) =>
      c.frame.selection?.kind === 'node' && c.frame.selection.host !== undefined
        ? goStep(
            withCursor({ ...s, scope: { host: c.frame.selection.host } }, 'containers', FIRST_CURSOR),
            'containers',
            true,
          )
        : stay({
            ...s,
            message: { text: 'this node is not under hosts: — no containers to show', tone: 'status.warn' },
          }),
  },
  COMMAND_BINDING,
  actionBinding(
    'action.drain',
    'D',
    'Drain the node: its tasks move to other nodes (plan lists them)',
    'node-drain',
  ),
  actionBinding(
    'action.activate',
    'A',
    'Activate the node: new tasks may be placed on it again',
    'node-activate',
  ),
];
