import type { ActionKind } from '../../actions/types.js';
import type { EventFilter } from '../../domain/events/event-filter.js';
import type { Theme, ThemeToken } from '../../theme/index.js';
import type { CompletionSources } from '../commands.js';
import type { LogsSelection } from '../logs/log-request.js';
import type { ActionTarget } from '../types.js';
import type { ContainerScope, ContainerSort } from '../views/containers/present.js';
import type { MainView, ResourceView, ViewName } from '../views.js';

/** What P prunes from the dashboard. */
export type PruneTarget = 'images' | 'volumes' | 'networks';

export type PromptMode = 'normal' | 'filter' | 'command';

export interface Cursor {
  /** Row key the cursor sits on, so it follows the row when data changes. */
  key?: string | undefined;
  index: number;
  offset: number;
}

export interface Message {
  text: string;
  tone: ThemeToken;
}

export interface DetailsTarget {
  host: string;
  id: string;
  name: string;
}

/** Everything the dashboard remembers between keys; changed only by `reduce`. */
export interface DashboardState {
  view: ViewName;
  /** Views to go back to with Esc (opened with Enter, `l`, `?`). */
  stack: readonly ViewName[];
  mode: PromptMode;
  /** The command line's text (`:`); the filter prompt edits `filters[view]` itself. */
  input: string;
  completions: readonly string[];
  filters: Readonly<Record<MainView, string>>;
  cursors: Readonly<Partial<Record<ViewName, Cursor>>>;
  scope: ContainerScope;
  sort?: ContainerSort | undefined;
  /** `:events role=web die`: which events the Events view lists. */
  eventFilter?: EventFilter | undefined;
  details?: DetailsTarget | undefined;
  /** The replica `details` is compared with (`c`); undefined while one is being picked. */
  compare?: DetailsTarget | undefined;
  /** The image ID, volume or network (row key) whose places are open. */
  resource?: string | undefined;
  /** The view whose keys the help page lists. */
  helpFor: ViewName;
  /** The service `:tasks` shows: `SWARM/NAME` (or a name or id the swarms resolve). */
  tasksOf?: string | undefined;
  message?: Message | undefined;
  theme: Theme;
}

/** What the cursor is on in the current view. */
export type Selection =
  | { kind: 'host'; host: string }
  | { kind: 'role'; role: string }
  | { kind: 'container'; host: string; id: string; name: string }
  /** A Swarm service (its row in :services or Roles); `replicas`: the count now. */
  | { kind: 'service'; swarm: string; service: string; id: string; replicas?: number | undefined }
  /** A Swarm node (`node`: its id; `host`: the `hosts:` entry it is joined to). */
  | { kind: 'node'; swarm: string; node: string; hostname: string; host?: string | undefined };

/** What the current screen shows, as far as a key needs to know (computed from state and store). */
export interface FrameInfo {
  /** Rows of a table, or lines of a page (details, help, storage). */
  total: number;
  /** Row keys of a table; empty for a page. */
  rowKeys: readonly string[];
  /** A page scrolls by lines; it has no row cursor. */
  paged: boolean;
  bodyHeight: number;
  selection?: Selection | undefined;
  /** Other replicas of the role of the container shown (details: what `c` compares with). */
  replicas?: readonly DetailsTarget[] | undefined;
  /** Index of the row the cursor is on (a table). */
  selectedIndex?: number | undefined;
  /** What `l` / `L` would open here. */
  logs?: ((ofRows: boolean) => LogsSelection) | undefined;
}

/** Everything besides the state that a key's answer depends on. */
export interface KeyContext {
  bindings: BindingContext;
  frame: FrameInfo;
  /** Host names of the fleet (`:host NAME` warns about an unknown one). */
  hosts: readonly string[];
  /** The fleet has swarms: Tab goes on to :services and :nodes. */
  swarms?: boolean;
  completion: CompletionSources;
}

/** Side effects as data: the component carries them out (the reducer stays pure and testable). */
export type Effect =
  | { type: 'quit' }
  | { type: 'loadTheme'; name: string }
  | { type: 'openLogs'; selection: LogsSelection }
  | { type: 'action'; kind: ActionKind; target: ActionTarget }
  /** `e`: a shell in the container; the dashboard steps aside until it ends. */
  | { type: 'shell'; target: DetailsTarget }

  /** Read the view's images, volumes or networks again now. */
  | { type: 'refreshResources'; kind: ResourceView }
  /** Plan a prune (P in Images/Volumes) and show it in the action dialog. */
  | { type: 'prune'; what: PruneTarget };

export interface Step {
  state: DashboardState;
  effects: readonly Effect[];
}

export type DashboardEvent =
  | { type: 'key'; name: string; /** The character typed, when printable. */ text?: string | undefined }
  | { type: 'message'; message: Message | undefined }
  | { type: 'theme'; theme: Theme; warnings?: readonly string[] | undefined }
  /** The logs streams of an `openLogs` effect are open. */
  | { type: 'logsOpened'; note?: string | undefined };

export const FIRST_CURSOR: Cursor = { index: 0, offset: 0 };
export const EMPTY_FILTERS: Record<MainView, string> = {
  hosts: '',
  roles: '',
  containers: '',
  events: '',
  storage: '',
  images: '',
  volumes: '',
  networks: '',
};

export function initialDashboardState(init: {
  view?: MainView | undefined;
  theme: Theme;
  warnings?: readonly string[] | undefined;
}): DashboardState {
  return {
    view: init.view ?? 'hosts',
    stack: [],
    mode: 'normal',
    input: '',
    completions: [],
    filters: EMPTY_FILTERS,
    cursors: {},
    scope: {},
    helpFor: 'hosts',
    theme: init.theme,
    message:
      init.warnings && init.warnings.length > 0
        ? { text: init.warnings.join(' | '), tone: 'status.warn' }
        : undefined,
  };
}

export const stay = (state: DashboardState): Step => ({ state, effects: [] });

export interface BindingContext {
  readOnly: boolean;
  /** Whether an action handler exists; without one, mutating keys do nothing and are hidden. */
  canAct: boolean;
  /**
   * Whether P has an action layer to plan with. Unlike canAct also in read-only mode: the plan is
   * shown and the executor refuses it there.
   */
  canPrune?: boolean | undefined;
}
