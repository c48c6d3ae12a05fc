import type { HostStatus } from '../../domain/host.js';
import type { SwarmView } from '../../fleet/swarm/swarm-view.js';
import { ActionDialog } from '../action-flow/ActionDialog.js';
import type { FlowState } from '../action-flow/flow-state.js';
import type { Clock } from '../clock.js';
import { Clocked } from '../components/Clocked.js';
import { Screen } from '../components/Screen.js';
import { LogsView } from '../logs/LogsView.js';
import type { LogsSession } from '../logs/useLogsSession.js';
import { headerLine } from '../views/header.js';
import { isTooSmall, tooSmallLines } from '../views/too-small.js';
import { dashboardBody, dashboardStatus, type PaintInput } from './paint.js';

export interface DashboardScreenProps {
  paint: PaintInput;
  size: { columns: number; rows: number };
  clock: Clock;
  hosts: readonly HostStatus[];
  swarms?: readonly SwarmView[] | undefined;
  updatedAt: number;
  flow: FlowState | undefined;
  logs: {
    session: LogsSession | undefined;
    saveDir: string;
    isActive: boolean;
    acceptKeys: () => boolean;
    onPromptChange: (open: boolean) => void;
  };
}

/** What the dashboard shows: the current view, the action dialog over it, or the logs. */
export function DashboardScreen({
  paint,
  size,
  clock,
  hosts,
  swarms,
  updatedAt,
  flow,
  logs,
}: DashboardScreenProps) {
  const { state, width, height, bindings } = paint;
  const { theme } = state;
  if (isTooSmall(size.columns, size.rows))
    return <Screen lines={tooSmallLines(size.columns, size.rows, theme)} />;
  const header = (now: number): string =>
    headerLine({
      view: state.view,
      hosts,
      swarms,
      now,
      updatedAt,
      readOnly: bindings.readOnly,
      width,
      theme,
    });
  // Only the header ticks every second: <Clocked> re-renders it, not the dashboard.
  if (flow)
    return (
      <Clocked clock={clock}>
        {(now) => (
          <ActionDialog
            state={flow}
            header={header(now)}
            width={width}
            height={height}
            theme={theme}
            now={now}
          />
        )}
      </Clocked>
    );
  const session = logs.session;
  if (state.view === 'logs' && session)
    return (
      <Clocked clock={clock}>
        {(now) => (
          <LogsView
            session={session}
            header={header(now)}
            status={dashboardStatus(paint)}
            height={height}
            width={width}
            theme={theme}
            saveDir={logs.saveDir}
            now={clock.now}
            isActive={logs.isActive}
            acceptKeys={logs.acceptKeys}
            onPromptChange={logs.onPromptChange}
          />
        )}
      </Clocked>
    );
  const body = dashboardBody(paint);
  return <Clocked clock={clock}>{(now) => <Screen lines={[header(now), ...body]} />}</Clocked>;
}
