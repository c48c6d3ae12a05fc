import type { Key } from 'ink';
import type { ViewName } from './views.js';

/** What a mutating key asks for; the dialog turns it into a plan of the action layer. */
export type ActionKind = 'restart' | 'snapshot' | 'redeploy' | 'kill' | 'stop';

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
  | 'logs'
  | 'logsOfRows'
  | 'logs.search'
  | 'logs.next'
  | 'logs.prev'
  | 'logs.filter'
  | 'logs.case'
  | 'logs.time'
  | 'logs.pause'
  | 'logs.save';

/** One key binding, as data: the help screen and the dispatcher both read this table. */
export interface KeyBinding {
  id: CommandId;
  /** Canonical key names (see keyName): a printable character, or up/down/pageup/enter/esc/tab… */
  keys: readonly string[];
  description: string;
  views: readonly ViewName[] | 'all';
  /** Changes the fleet: never bound nor shown in read-only mode or without an action handler. */
  mutating: boolean;
  action?: ActionKind;
}

const LISTS: readonly ViewName[] = ['hosts', 'roles', 'containers', 'events', 'storage'];
const SCROLLABLE: readonly ViewName[] = [...LISTS, 'details', 'help', 'logs'];

export const KEYMAP: readonly KeyBinding[] = [
  { id: 'down', keys: ['j', 'down'], description: 'Move down', views: SCROLLABLE, mutating: false },
  { id: 'up', keys: ['k', 'up'], description: 'Move up', views: SCROLLABLE, mutating: false },
  { id: 'top', keys: ['g', 'home'], description: 'Go to first row', views: SCROLLABLE, mutating: false },
  { id: 'bottom', keys: ['G', 'end'], description: 'Go to last row', views: SCROLLABLE, mutating: false },
  {
    id: 'pageDown',
    keys: ['pagedown', 'ctrl-f'],
    description: 'Page down',
    views: SCROLLABLE,
    mutating: false,
  },
  { id: 'pageUp', keys: ['pageup', 'ctrl-b'], description: 'Page up', views: SCROLLABLE, mutating: false },
  { id: 'nextView', keys: ['tab'], description: 'Next view', views: 'all', mutating: false },
  { id: 'prevView', keys: ['shift-tab'], description: 'Previous view', views: 'all', mutating: false },
  { id: 'view.hosts', keys: ['1'], description: 'Hosts view', views: 'all', mutating: false },
  { id: 'view.roles', keys: ['2'], description: 'Roles view', views: 'all', mutating: false },
  { id: 'view.containers', keys: ['3'], description: 'Containers view', views: 'all', mutating: false },
  { id: 'view.events', keys: ['4'], description: 'Events view', views: 'all', mutating: false },
  {
    id: 'open',
    keys: ['enter'],
    description: 'Open: host/role → its containers, container → details',
    views: ['hosts', 'roles', 'containers'],
    mutating: false,
  },
  { id: 'filter', keys: ['/'], description: 'Filter rows (regex)', views: LISTS, mutating: false },
  {
    id: 'command',
    keys: [':'],
    description: 'Command (:hosts :roles :ps ROLE :host NAME :theme NAME)',
    // Not over the logs view: its keys (space, w…) would also reach the logs while typing.
    views: [...LISTS, 'details', 'help'],
    mutating: false,
  },
  {
    id: 'sortNext',
    keys: ['o', '>'],
    description: 'Sort by next column',
    views: ['containers'],
    mutating: false,
  },
  {
    id: 'sortReverse',
    keys: ['O', '<'],
    description: 'Reverse sort order',
    views: ['containers'],
    mutating: false,
  },
  {
    id: 'action.restart',
    keys: ['r'],
    description: 'Restart container',
    views: ['containers', 'details'],
    mutating: true,
    action: 'restart',
  },
  {
    id: 'action.restartRole',
    keys: ['r'],
    description: 'Rolling restart of the role (one replica at a time per host)',
    views: ['roles'],
    mutating: true,
    action: 'restart',
  },
  {
    id: 'action.kill',
    keys: ['K'],
    description: "Send a signal (menu; default the container's stop signal)",
    views: ['containers', 'details'],
    mutating: true,
    action: 'kill',
  },
  {
    id: 'action.stop',
    keys: ['S'],
    description: 'Stop gracefully (stop signal, SIGKILL after a chosen timeout)',
    views: ['containers', 'details'],
    mutating: true,
    action: 'stop',
  },
  {
    id: 'action.snapshot',
    keys: ['s'],
    description: 'Snapshot container',
    views: ['containers', 'details'],
    mutating: true,
    action: 'snapshot',
  },
  {
    id: 'action.redeploy',
    keys: ['R'],
    description: 'Redeploy the role to a new image (rolling)',
    views: ['roles'],
    mutating: true,
    action: 'redeploy',
  },
  {
    id: 'logs',
    keys: ['l'],
    description: 'Logs (follow): of this container, role or host',
    views: ['hosts', 'roles', 'containers', 'details'],
    mutating: false,
  },
  {
    id: 'logsOfRows',
    keys: ['L'],
    description: 'Logs of every running container listed (scope and filter)',
    views: ['containers'],
    mutating: false,
  },
  { id: 'logs.search', keys: ['/'], description: 'Search (regex, live)', views: ['logs'], mutating: false },
  { id: 'logs.next', keys: ['n'], description: 'Next match', views: ['logs'], mutating: false },
  { id: 'logs.prev', keys: ['N'], description: 'Previous match', views: ['logs'], mutating: false },
  {
    id: 'logs.filter',
    keys: ['f'],
    description: 'Show only matching lines',
    views: ['logs'],
    mutating: false,
  },
  { id: 'logs.case', keys: ['i'], description: 'Toggle ignore case', views: ['logs'], mutating: false },
  { id: 'logs.time', keys: ['t'], description: 'Toggle timestamps', views: ['logs'], mutating: false },
  {
    id: 'logs.pause',
    keys: [' '],
    description: 'Pause / follow (new lines keep arriving)',
    views: ['logs'],
    mutating: false,
  },
  {
    id: 'logs.save',
    keys: ['w'],
    description: 'Write the buffer to a file',
    views: ['logs'],
    mutating: false,
  },
  // Listed after the view's own keys: help pages show those first.
  { id: 'view.storage', keys: ['5'], description: 'Storage health view', views: 'all', mutating: false },
  { id: 'help', keys: ['?'], description: 'Help: keys of this view', views: 'all', mutating: false },
  {
    id: 'back',
    keys: ['esc'],
    description: 'Back / clear filter / close logs',
    views: 'all',
    mutating: false,
  },
  { id: 'quit', keys: ['q', 'ctrl-c'], description: 'Quit', views: 'all', mutating: false },
];

export interface BindingContext {
  readOnly: boolean;
  /** Whether an action handler exists; without one, mutating keys do nothing and are hidden. */
  canAct: boolean;
}

/** The bindings live in `view`: what the dispatcher matches and what help lists. */
export function activeBindings(
  view: ViewName,
  context: BindingContext,
  keymap: readonly KeyBinding[] = KEYMAP,
): KeyBinding[] {
  return keymap.filter(
    (b) =>
      (b.views === 'all' || b.views.includes(view)) && (!b.mutating || (!context.readOnly && context.canAct)),
  );
}

export function findBinding(
  view: ViewName,
  name: string,
  context: BindingContext,
  keymap: readonly KeyBinding[] = KEYMAP,
): KeyBinding | undefined {
  return activeBindings(view, context, keymap).find((b) => b.keys.includes(name));
}

/** Ink's (input, key) as one canonical name: `j`, `G`, `?`, `down`, `pagedown`, `shift-tab`, `ctrl-c`… */
export function keyName(input: string, key: Partial<Key>): string {
  if (key.upArrow) return 'up';
  if (key.downArrow) return 'down';
  if (key.leftArrow) return 'left';
  if (key.rightArrow) return 'right';
  if (key.pageUp) return 'pageup';
  if (key.pageDown) return 'pagedown';
  if (key.home) return 'home';
  if (key.end) return 'end';
  if (key.return) return 'enter';
  if (key.escape) return 'esc';
  if (key.tab) return key.shift ? 'shift-tab' : 'tab';
  if (key.backspace) return 'backspace';
  if (key.delete) return 'delete';
  if (key.ctrl && input.length === 1) return `ctrl-${input.toLowerCase()}`;
  return input;
}

/** How a key name is written in help and hints. */
export function displayKey(name: string): string {
  const names: Record<string, string> = {
    up: '↑',
    down: '↓',
    pageup: 'PgUp',
    pagedown: 'PgDn',
    home: 'Home',
    end: 'End',
    enter: 'Enter',
    esc: 'Esc',
    tab: 'Tab',
    'shift-tab': 'S-Tab',
    ' ': 'Space',
  };
  if (names[name]) return names[name];
  if (name.startsWith('ctrl-')) return `^${name.slice(5).toUpperCase()}`;
  return name;
}
