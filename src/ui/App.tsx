import type { OpenLogTail } from '../fleet/logs/reader.js';
import type { FleetReader } from '../fleet/snapshot.js';
import type { ColorMode, Theme } from '../theme/index.js';
import { systemClock, type Clock } from './clock.js';
import type { ActionKind } from './keymap.js';
import type { ExternalAlert } from './presenters/alerts.js';
import type { ActionTarget, LoadDetails, LocalVitals } from './types.js';
import { Dashboard } from './views/Dashboard.js';
import { Wallboard } from './views/Wallboard.js';
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
  /** Mutating actions; without it (or in read-only mode) their keys are neither bound nor shown. */
  onAction?: ((kind: ActionKind, target: ActionTarget) => void) | undefined;
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
  /** Where `w` in the Logs view saves the buffer; default the working directory. */
  logsDir?: string | undefined;
}

export function App(props: AppProps) {
  const clock = props.clock ?? systemClock;
  if (props.wallboard) {
    return (
      <Wallboard
        reader={props.reader}
        theme={props.theme}
        clock={clock}
        onQuit={props.onQuit}
        alerts={props.alerts}
        localVitals={props.localVitals}
        onVisibleContainersChange={props.onVisibleContainersChange}
        pageMs={props.wallboardPageMs}
      />
    );
  }
  return (
    <Dashboard
      reader={props.reader}
      readOnly={props.readOnly}
      theme={props.theme}
      colorMode={props.colorMode}
      onQuit={props.onQuit}
      loadDetails={props.loadDetails}
      onVisibleContainersChange={props.onVisibleContainersChange}
      localVitals={props.localVitals}
      onAction={props.onAction}
      initialView={props.initialView}
      clock={clock}
      warnings={props.warnings}
      themeDir={props.themeDir}
      openLogTail={props.openLogTail}
      logsDir={props.logsDir}
    />
  );
}
