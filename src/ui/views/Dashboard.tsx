import { useStdin } from 'ink';
import { useEffect, useMemo } from 'react';
import { useActionFlow } from '../action-flow/useActionFlow.js';
import { DashboardScreen } from '../dashboard/DashboardScreen.js';
import { CHROME_LINES, createLayoutMemo } from '../dashboard/layout.js';
import type { DashboardProps } from '../dashboard/props.js';
import { reduce } from '../dashboard/reducer.js';
import { runEffect } from '../dashboard/run-effect.js';
import { keyContextOf } from '../dashboard/key-context.js';
import { initialDashboardState, type DashboardEvent, type DashboardState } from '../dashboard/state.js';
import { useDetailsScreen } from '../hooks/useDetailsScreen.js';
import { useFleet } from '../hooks/useFleet.js';
import { useKeyPresses } from '../hooks/useKeyPresses.js';
import { useNow } from '../hooks/useNow.js';
import { useResources } from '../hooks/useResources.js';
import { useSyncedState } from '../hooks/useSyncedState.js';
import { useTerminalSize } from '../hooks/useTerminalSize.js';
import { useThemeCatalog } from '../hooks/useThemeCatalog.js';
import { useVisibleContainers } from '../hooks/useVisibleContainers.js';
import { activeBindings } from '../keymap.js';
import { useLogsSession } from '../logs/useLogsSession.js';
import { fleetAlerts } from '../presenters/fleet-alerts.js';
import { createAlertMemo } from '../presenters/alert-memo.js';
import { compileFilter } from '../presenters/filter.js';
import { useShell } from '../shell/useShell.js';
import { isMainView } from '../views.js';
import { localVitalsOf } from './storage/present.js';
import type { FrameInput } from './view-module.js';

export type { DashboardProps } from '../dashboard/props.js';

/** Rows that show ages ("since", "checked 5m ago") follow the clock this often; the header every second. */
const BODY_TICK_MS = 10_000;

/** Wires the dashboard reducer to the store, the terminal and the effects; draws nothing itself. */
export function Dashboard(props: DashboardProps) {
  const { clock, readOnly } = props;
  const actions = readOnly ? undefined : props.actions;
  const prune = props.pruneActions ?? actions;
  const snapshot = useFleet(props.reader);
  const size = useTerminalSize();
  const now = useNow(clock, BODY_TICK_MS);
  // Ink's flag is stdin.isTTY, which is undefined (not false) for a file or /dev/null.
  const isRawModeSupported = useStdin().isRawModeSupported === true;
  const [state, setState, stateRef] = useSyncedState(() =>
    initialDashboardState({ view: props.initialView, theme: props.theme, warnings: props.warnings }),
  );
  useEffect(
    () => setState((s) => (s.theme === props.theme ? s : { ...s, theme: props.theme })),
    [props.theme],
  );
  const themes = useThemeCatalog(props.themeDir, props.colorMode);
  const bindings = useMemo(
    () => ({ readOnly, canAct: actions !== undefined, canPrune: prune !== undefined }),
    [readOnly, actions, prune],
  );
  const flow = useActionFlow({
    actions,
    loadDetails: props.loadDetails,
    containers: snapshot.containers,
    onSettled: (plan, outcome) => {
      props.onActionSettled?.(plan, outcome);
      resources.afterAction(plan);
    },
    prune,
  });
  const shell = useShell(actions ? props.openShell : undefined, snapshot.containers, (e) => dispatch(e));
  const resources = useResources(props.loadResources, state.view, clock);
  // The streams stay open while the Logs view is shown or under a view opened from it (help).
  const logs = useLogsSession(props.openLogTail, state.view === 'logs' || state.stack.includes('logs'));
  const shownDetails = useDetailsScreen(props, state, snapshot.containers);

  const width = size.columns;
  const height = size.rows - 1; // a full-height frame makes Ink clear the screen on every update (flicker)
  const layoutOf = useMemo(createLayoutMemo, []);
  const inputOf = (s: DashboardState): FrameInput => ({
    state: s,
    snapshot,
    now,
    width,
    bodyHeight: Math.max(1, height - CHROME_LINES),
    theme: s.theme,
    filter: compileFilter(isMainView(s.view) ? s.filters[s.view] : ''),
    bindings,
    activeBindings: (view) => activeBindings(view, bindings),
    ...shownDetails,
    resources: resources.loads,
  });
  const input = inputOf(state);
  const layout = layoutOf(input);
  const alertMemo = useMemo(createAlertMemo, []);
  const alerts = useMemo(() => fleetAlerts(snapshot, now, [], alertMemo), [snapshot, now, alertMemo]);
  useVisibleContainers(
    layout.frame.visibleKeys?.(layout.selected, layout.offset, layout.info.bodyHeight) ?? [],
    props.onVisibleContainersChange,
  );

  // Each key reads the state the previous key left, even before React rendered it.
  const dispatch = (event: DashboardEvent): void => {
    const s = stateRef.current;
    const ctx = keyContextOf(snapshot, bindings, layoutOf(inputOf(s)).info, event, () => themes().names);
    const step = reduce(s, event, ctx);
    setState(step.state);
    const deps = { dispatch, onQuit: props.onQuit, themes, logs, flow, resources, shell };
    for (const effect of step.effects) runEffect(effect, { ...deps, containers: snapshot.containers });
  };

  useKeyPresses(
    (press) => {
      // An open action dialog owns the keyboard: its confirmation must not leak into the views.
      if (flow.isOpen()) return flow.handleKey(press);
      dispatch({ type: 'key', name: press.name, text: press.text });
    },
    {
      isActive: isRawModeSupported,
      // The logs pane reads keys itself: its search prompt, and pastes (a chunk it takes whole).
      leave: (raw) => stateRef.current.view === 'logs' && (logs.promptOpen() || [...raw].length > 1),
    },
  );

  return (
    <DashboardScreen
      paint={{
        state,
        layout,
        width,
        height,
        bindings,
        localVitals: props.localVitals ?? localVitalsOf(snapshot.local),
        filterError: input.filter.error,
        alerts,
      }}
      size={size}
      clock={clock}
      hosts={snapshot.hosts}
      swarms={snapshot.swarms}
      updatedAt={snapshot.updatedAt}
      flow={flow.state}
      logs={{
        session: logs.session,
        saveDir: props.logsDir ?? process.cwd(),
        isActive: isRawModeSupported,
        acceptKeys: () => stateRef.current.view === 'logs',
        onPromptChange: logs.setPromptOpen,
      }}
    />
  );
}
