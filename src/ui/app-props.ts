import type { OpenLogTail, ReadRecentLogs } from '../fleet/logs/reader.js';
import type { FleetReader } from '../fleet/snapshot.js';
import type { ColorMode, Theme } from '../theme/index.js';
import type { Clock } from './clock.js';
import type { ActionOutcome, ActionPlan } from '../actions/index.js';
import type { FleetActions } from './action-flow/types.js';
import type { ExternalAlert } from './presenters/alerts.js';
import type { OpenShell } from './shell/types.js';
import type { LoadDetails, LoadResources, LocalVitals } from './types.js';
import type { MainView } from './views.js';

export interface AppProps {
  reader: FleetReader;
  /** Hide and unbind every mutating key. */
  readOnly: boolean;
  /** Large tiles for a shared screen; implies read-only. */
  wallboard: boolean;
  theme: Theme;
  colorMode: ColorMode;
  onQuit: () => void;
  loadDetails: LoadDetails;
  /** Container keys (`host/id`) on screen, so that only they get sampled. Called when the set changes. */
  onVisibleContainersChange?: ((keys: string[]) => void) | undefined;
  localVitals?: LocalVitals | undefined;
  /**
   * The action layer (restart, signals, stop, snapshot, redeploy): planned, confirmed in a dialog,
   * run with progress. Without it (or in read-only mode) their keys are neither bound nor shown.
   */
  actions?: FleetActions | undefined;
  /** `e`: a shell in the selected container over its host's connection (with `actions` only). */
  openShell?: OpenShell | undefined;
  /** After an action ran, whatever its result: re-list the hosts it touched. */
  onActionSettled?: ((plan: ActionPlan, outcome: ActionOutcome) => void) | undefined;
  initialView?: MainView | undefined;
  clock?: Clock | undefined;
  /** Findings from outside the store (e.g. storage health) for the wallboard's alerts strip. */
  alerts?: readonly ExternalAlert[] | undefined;
  /** Shown at start, e.g. the theme loader's fallback warnings. */
  warnings?: readonly string[] | undefined;
  /** `<configDir>/themes`, searched by `:theme NAME`. */
  themeDir?: string | undefined;
  /** Wallboard page rotation period. */
  wallboardPageMs?: number | undefined;
  /** Opens a follow-tail of containers (the Logs view: `l`, `L`); closed when the view closes. */
  openLogTail?: OpenLogTail | undefined;
  /** Reads a container's last log lines once (details); without it details say logs are not available. */
  readRecentLogs?: ReadRecentLogs | undefined;
  /** Reads images, volumes or networks of every host for their views (read when a view is entered). */
  loadResources?: LoadResources | undefined;
  /**
   * What P in Images/Volumes plans and runs with. In read-only mode the app gives one whose executor
   * refuses (the plan is shown with the refusal); otherwise `actions` is used.
   */
  pruneActions?: FleetActions | undefined;
  /** Where `w` in the Logs view saves the buffer; default the working directory. */
  logsDir?: string | undefined;
}
