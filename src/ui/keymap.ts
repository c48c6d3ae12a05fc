import type { BindingContext, KeyBinding } from './dashboard/binding.js';
import { MOVE_BINDINGS, SWITCH_BINDINGS, TAIL_BINDINGS } from './dashboard/common-bindings.js';
import { VIEWS } from './views/registry.js';
import type { ViewName } from './views.js';

export type { ActionKind } from '../actions/types.js';
export { displayKey, keyName } from './dashboard/key-names.js';
export type { BindingContext, CommandId, KeyBinding } from './dashboard/binding.js';

/** The keys of one view, in help's order: moving, switching, the view's own, then the common tail. */
export function viewBindings(view: ViewName): readonly KeyBinding[] {
  return [...MOVE_BINDINGS, ...SWITCH_BINDINGS, ...VIEWS[view].bindings, ...TAIL_BINDINGS];
}

/** Every binding of every view, once. */
export const KEYMAP: readonly KeyBinding[] = [
  ...new Set(Object.values(VIEWS).flatMap((v) => viewBindings(v.name))),
];

/** The bindings live in `view`: what the dispatcher matches and what help lists. */
export function activeBindings(view: ViewName, context: BindingContext): KeyBinding[] {
  return viewBindings(view).filter(
    (b) => !b.mutating || (b.refusedBelow ? context.canPrune === true : !context.readOnly && context.canAct),
  );
}

export function findBinding(view: ViewName, name: string, context: BindingContext): KeyBinding | undefined {
  return activeBindings(view, context).find((b) => b.keys.includes(name));
}
