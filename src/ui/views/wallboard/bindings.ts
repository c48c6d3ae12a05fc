import type { KeyBinding } from '../../dashboard/binding.js';

/** The wallboard is read-only and input-free but for leaving it. */
export const WALLBOARD_BINDINGS: readonly KeyBinding[] = [
  { id: 'quit', keys: ['q', 'esc', 'ctrl-c'], description: 'Quit', mutating: false },
];
