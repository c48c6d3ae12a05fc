import { useMemo } from 'react';
import { systemClock } from './clock.js';
import { inertTheme } from './safe-theme.js';
import type { AppProps } from './app-props.js';
import { Dashboard } from './views/Dashboard.js';
import { Wallboard } from './views/wallboard/Wallboard.js';

export type { AppProps } from './app-props.js';

export function App(props: AppProps) {
  // Every screen paints through this theme: whatever a label or a daemon said reaches it inert.
  const theme = useMemo(() => inertTheme(props.theme), [props.theme]);
  const clock = props.clock ?? systemClock;
  if (props.wallboard) {
    return (
      <Wallboard
        reader={props.reader}
        theme={theme}
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
      theme={theme}
      colorMode={props.colorMode}
      onQuit={props.onQuit}
      loadDetails={props.loadDetails}
      onVisibleContainersChange={props.onVisibleContainersChange}
      localVitals={props.localVitals}
      actions={props.actions}
      openShell={props.openShell}
      onActionSettled={props.onActionSettled}
      initialView={props.initialView}
      clock={clock}
      warnings={props.warnings}
      themeDir={props.themeDir}
      openLogTail={props.openLogTail}
      readRecentLogs={props.readRecentLogs}
      logsDir={props.logsDir}
      loadResources={props.loadResources}
      pruneActions={props.pruneActions}
    />
  );
}
