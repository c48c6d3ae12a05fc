import type { FleetSnapshot } from '../../fleet/snapshot.js';
import type { Theme } from '../../theme/index.js';
import type { KeyBinding, BindingContext } from '../dashboard/binding.js';
import type { DashboardState, DetailsTarget, Selection } from '../dashboard/state.js';
import type { DetailsState } from '../hooks/useDetails.js';
import type { RecentLogsState } from '../hooks/useRecentLogs.js';
import type { ResourceLoads } from '../hooks/useResources.js';
import type { LogsSelection } from '../logs/log-request.js';
import type { CompiledFilter } from '../presenters/filter.js';
import type { ViewName } from '../views.js';

/** What a view is drawn from. */
export interface FrameInput {
  state: DashboardState;
  snapshot: FleetSnapshot;
  now: number;
  width: number;
  /** Table rows on screen (a page shows one line more: it has no column header). */
  bodyHeight: number;
  theme: Theme;
  filter: CompiledFilter;
  bindings: BindingContext;
  /** The keys active in a view (help lists them; passed in: the keymap is built from the views). */
  activeBindings: (view: ViewName) => readonly KeyBinding[];
  /** The container details being looked at (details view). */
  details: DetailsState;
  /** The last log lines of the container in details (absent where nothing reads them). */
  recentLogs?: RecentLogsState | undefined;
  /** The replica the container in details is compared with (compare view). */
  peerDetails?: DetailsState | undefined;
  /** The last reads of images, volumes, networks; absent where the dashboard has no loader. */
  resources?: ResourceLoads | undefined;
}

/** One view's screen for one state of the store: its rows (or lines) and what the cursor is on. */
export interface ViewFrame {
  /** Row keys of a table; a page (`lines`) has none. */
  rowKeys: readonly string[];
  lines?: readonly string[] | undefined;
  /** The title after the view's name (scope, filter, count), given the rows shown. */
  title(total: number): string[];
  /** Column header and the rows on screen (a table), or the page's lines from `offset`. */
  body(selected: number, offset: number, height: number): string[];
  selection?(index: number): Selection | undefined;
  logs?(index: number, ofRows: boolean): LogsSelection;
  /** The line under the table (usage of what the cursor is on). */
  info?(index: number): string;
  /** Other replicas of the role of the container shown, next one first (details). */
  replicas?(): readonly DetailsTarget[];
  /** Container keys on screen, to be sampled. */
  visibleKeys?(index: number, offset: number, height: number): readonly string[];
}

/** A view: its keys, and how its frame is drawn (columns, presenter, painter live in its folder). */
export interface ViewModule {
  name: ViewName;
  /** The view's own keys, in the order help lists them (moving and switching come first). */
  bindings: readonly KeyBinding[];
  frame(input: FrameInput): ViewFrame;
}

/** `/re/` when filtered, then `N` or `N of M`. */
export function countParts(filter: string, total: number, all?: number): string[] {
  const parts = filter ? [`/${filter}/`] : [];
  parts.push(all === undefined || all === total ? `${total}` : `${total} of ${all}`);
  return parts;
}

/** A page of painted lines: scrolls, no cursor. */
export function pageFrame(lines: readonly string[], title: string[] = []): ViewFrame {
  return {
    rowKeys: [],
    lines,
    title: () => title,
    body: (_selected, offset, height) => lines.slice(offset, offset + height + 1),
  };
}
