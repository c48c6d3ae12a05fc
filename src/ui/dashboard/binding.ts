import type { ActionKind } from '../../actions/types.js';
import type { DashboardState, KeyContext, Step } from './state.js';

export type CommandId =
  | 'up'
  | 'down'
  | 'top'
  | 'bottom'
  | 'pageUp'
  | 'pageDown'
  | 'nextView'
  | 'prevView'
  | 'view.hosts'
  | 'view.roles'
  | 'view.containers'
  | 'view.events'
  | 'view.storage'
  | 'open'
  | 'filter'
  | 'command'
  | 'back'
  | 'help'
  | 'quit'
  | 'sortNext'
  | 'sortReverse'
  | 'action.restart'
  | 'action.restartRole'
  | 'action.snapshot'
  | 'action.redeploy'
  | 'action.kill'
  | 'action.stop'
  | 'action.scale'
  | 'action.forceUpdate'
  | 'action.serviceRollback'
  | 'action.drain'
  | 'action.activate'
  | 'action.shell'
  | 'action.prune'
  | 'refresh'
  | 'logs'
  | 'compare'
  | 'logsOfRows'
  | 'logs.search'
  | 'logs.next'
  | 'logs.prev'
  | 'logs.filter'
  | 'logs.case'
  | 'logs.time'
  | 'logs.pause'
  | 'logs.save';

/**
 * One key binding: key, description and what it does, together. Help, the status-line hints and the
 * dispatcher all read the same objects, so help can never list a key that does something else.
 */
export interface KeyBinding {
  id: CommandId;
  /** Canonical key names (see keyName): a printable character, or up/down/pageup/enter/esc/tab… */
  keys: readonly string[];
  description: string;
  /** A short label for one-line hints (the logs pane's footer). */
  hint?: string;
  /** Changes the fleet: never bound nor shown in read-only mode or without an action handler. */
  mutating: boolean;
  action?: ActionKind;
  /**
   * A mutating key bound in read-only mode too (when BindingContext.canPrune): the plan is worth
   * seeing there, and the executor, not the keymap, refuses it.
   */
  refusedBelow?: boolean;
  /** The dashboard's answer; absent where a pane carries the key out itself (the logs pane). */
  run?: (s: DashboardState, ctx: KeyContext) => Step;
}

export type { BindingContext } from './state.js';
