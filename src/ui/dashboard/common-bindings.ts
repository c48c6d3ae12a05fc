import type { ActionKind } from '../../actions/types.js';
import type { ActionTarget } from '../types.js';
import type { KeyBinding } from './binding.js';
import { back, cycleView, goStep, move, withCursor } from './nav.js';
import { FIRST_CURSOR, stay, type Selection } from './state.js';

/** Moving keys, in every view (the logs pane takes them over in its own view). */
export const MOVE_BINDINGS: readonly KeyBinding[] = [
  {
    id: 'down',
    keys: ['j', 'down'],
    description: 'Move down',
    mutating: false,
    run: (s, c) => move(s, c.frame, 1),
  },
  {
    id: 'up',
    keys: ['k', 'up'],
    description: 'Move up',
    mutating: false,
    run: (s, c) => move(s, c.frame, -1),
  },
  {
    id: 'top',
    keys: ['g', 'home'],
    description: 'Go to first row',
    mutating: false,
    run: (s, c) => move(s, c.frame, 'top'),
  },
  {
    id: 'bottom',
    keys: ['G', 'end'],
    description: 'Go to last row',
    mutating: false,
    run: (s, c) => move(s, c.frame, 'bottom'),
  },
  {
    id: 'pageDown',
    keys: ['pagedown', 'ctrl-f'],
    description: 'Page down',
    mutating: false,
    run: (s, c) => move(s, c.frame, c.frame.bodyHeight),
  },
  {
    id: 'pageUp',
    keys: ['pageup', 'ctrl-b'],
    description: 'Page up',
    mutating: false,
    run: (s, c) => move(s, c.frame, -c.frame.bodyHeight),
  },
];

/** Switching views: listed after moving, before the view's own keys. */
export const SWITCH_BINDINGS: readonly KeyBinding[] = [
  {
    id: 'nextView',
    keys: ['tab'],
    description: 'Next view',
    mutating: false,
    run: (s, c) => cycleView(s, 1, c.swarms),
  },
  {
    id: 'prevView',
    keys: ['shift-tab'],
    description: 'Previous view',
    mutating: false,
    run: (s, c) => cycleView(s, -1, c.swarms),
  },
  {
    id: 'view.hosts',
    keys: ['1'],
    description: 'Hosts view',
    mutating: false,
    run: (s) => goStep(s, 'hosts', false),
  },
  {
    id: 'view.roles',
    keys: ['2'],
    description: 'Roles view',
    mutating: false,
    run: (s) => goStep(s, 'roles', false),
  },
  {
    id: 'view.containers',
    keys: ['3'],
    description: 'Containers view',
    mutating: false,
    run: (s) => goStep(s, 'containers', false),
  },
  {
    id: 'view.events',
    keys: ['4'],
    description: 'Events view',
    mutating: false,
    run: (s) => goStep(s, 'events', false),
  },
];

/** After the view's own keys: help pages show those first. */
export const TAIL_BINDINGS: readonly KeyBinding[] = [
  {
    id: 'view.storage',
    keys: ['5'],
    description: 'Storage health view',
    mutating: false,
    run: (s) => goStep(s, 'storage', false),
  },
  {
    id: 'help',
    keys: ['?'],
    description: 'Help: keys of this view',
    mutating: false,
    run: (s) =>
      s.view === 'help'
        ? stay(s)
        : goStep(withCursor({ ...s, helpFor: s.view }, 'help', FIRST_CURSOR), 'help', true),
  },
  { id: 'back', keys: ['esc'], description: 'Back / clear filter / close logs', mutating: false, run: back },
  {
    id: 'quit',
    keys: ['q', 'ctrl-c'],
    description: 'Quit',
    mutating: false,
    run: (s) => ({ state: s, effects: [{ type: 'quit' }] }),
  },
];

export const FILTER_BINDING: KeyBinding = {
  id: 'filter',
  keys: ['/'],
  description: 'Filter rows (regex)',
  mutating: false,
  run: (s) => stay({ ...s, mode: 'filter' }),
};

/** Not over the logs view: its keys (space, w…) would also reach the logs while typing. */
export const COMMAND_BINDING: KeyBinding = {
  id: 'command',
  keys: [':'],
  description: 'Command (:hosts :roles :ps ROLE :host NAME :services :nodes :tasks SERVICE :theme NAME)',
  mutating: false,
  run: (s) => stay({ ...s, mode: 'command', input: '', completions: [] }),
};

/** In Roles the role (rolling restart, redeploy); elsewhere the selected container. */
function targetOf(selection: Selection | undefined): ActionTarget | undefined {
  if (!selection || selection.kind === 'host') return undefined;
  if (selection.kind === 'role') return { kind: 'role', role: selection.role };
  if (selection.kind === 'service') {
    const { swarm, service, replicas } = selection;
    return { kind: 'service', swarm, service, ...(replicas !== undefined ? { replicas } : {}) };
  }
  if (selection.kind === 'node') {
    const { swarm, node, hostname } = selection;
    return { kind: 'node', swarm, node, hostname };
  }
  const { host, id, name } = selection;
  return { kind: 'container', host, id, name };
}

/** A mutating key: the dialog (action flow) plans it, asks, runs it. */
export function actionBinding(
  id: KeyBinding['id'],
  key: string,
  description: string,
  kind: ActionKind,
): KeyBinding {
  return {
    id,
    keys: [key],
    description,
    mutating: true,
    action: kind,
    run: (s, c) => {
      const target = targetOf(c.frame.selection);
      if (!target)
        return stay({ ...s, message: { text: `nothing selected to ${kind}`, tone: 'status.warn' } });
      return { state: s, effects: [{ type: 'action', kind, target }] };
    },
  };
}

/** `l`: logs of what the cursor is on (a container, a role, a host). */
export const LOGS_BINDING: KeyBinding = {
  id: 'logs',
  keys: ['l'],
  description: 'Logs (follow): of this container, role or host',
  mutating: false,
  run: (s, c) =>
    c.frame.logs ? { state: s, effects: [{ type: 'openLogs', selection: c.frame.logs(false) }] } : stay(s),
};

/** `e`: an interactive shell in the selected container; the dashboard comes back as it was. */
export const SHELL_BINDING: KeyBinding = {
  id: 'action.shell',
  keys: ['e'],
  description: 'Shell in the container (bash, else sh; `shell:` per role); exit returns here',
  mutating: true,
  run: (s, c) => {
    const sel = c.frame.selection;
    if (sel?.kind !== 'container')
      return stay({ ...s, message: { text: 'select a container to open a shell in', tone: 'status.warn' } });
    const { host, id, name } = sel;
    return { state: s, effects: [{ type: 'shell', target: { host, id, name } }] };
  },
};

export const CONTAINER_ACTIONS: readonly KeyBinding[] = [
  actionBinding('action.restart', 'r', 'Restart container', 'restart'),
  actionBinding('action.kill', 'K', "Send a signal (menu; default the container's stop signal)", 'kill'),
  actionBinding('action.stop', 'S', 'Stop gracefully (stop signal, SIGKILL after a chosen timeout)', 'stop'),
  actionBinding('action.snapshot', 's', 'Snapshot container', 'snapshot'),
  SHELL_BINDING,
];
