import type { KeyBinding } from '../../dashboard/binding.js';
import { goStep, withCursor } from '../../dashboard/nav.js';
import { FIRST_CURSOR, stay } from '../../dashboard/state.js';

/** `c` in details: compare with the next replica of the role, or pick one when there are several. */
export const COMPARE_BINDING: KeyBinding = {
  id: 'compare',
  keys: ['c'],
  description: 'Compare with another replica of its role (differences only)',
  mutating: false,
  run: (s, c) => {
    const replicas = c.frame.replicas ?? [];
    const name = s.details?.name ?? 'this container';
    if (replicas.length === 0)
      return stay({
        ...s,
        message: { text: `${name}: no other replica of its role to compare with`, tone: 'status.warn' },
      });
    const compare = replicas.length === 1 ? replicas[0] : undefined;
    return goStep(withCursor({ ...s, compare }, 'compare', FIRST_CURSOR), 'compare', true);
  },
};

/** In the compare view: Enter picks the replica under the cursor; `c` goes back to the list. */
export const COMPARE_VIEW_BINDINGS: readonly KeyBinding[] = [
  {
    id: 'open',
    keys: ['enter'],
    description: 'Compare with the replica under the cursor',
    mutating: false,
    run: (s, c) => {
      const sel = c.frame.selection;
      if (s.compare || sel?.kind !== 'container') return stay(s);
      const { host, id, name } = sel;
      return stay(withCursor({ ...s, compare: { host, id, name } }, 'compare', FIRST_CURSOR));
    },
  },
  {
    id: 'compare',
    keys: ['c'],
    description: 'Choose another replica to compare with',
    mutating: false,
    run: (s) => stay(withCursor({ ...s, compare: undefined }, 'compare', FIRST_CURSOR)),
  },
];
