import { systemClock } from './clock.js';
import type { AppProps } from './app-props.js';
import { Dashboard } from './views/Dashboard.js';
import { Wallboard } from './views/wallboard/Wallboard.js';

export type { AppProps } from './app-props.js';

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
      actions={props.actions}
      onActionSettled={props.onActionSettled}
      initialView={props.initialView}
      clock={clock}
      warnings={props.warnings}
      themeDir={props.themeDir}
      openLogTail={props.openLogTail}
      logsDir={props.logsDir}
    />
  );
}
