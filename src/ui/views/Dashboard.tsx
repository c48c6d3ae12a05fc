import { useInput, useStdin, type Key } from 'ink';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ContainerUsage } from '../../fleet/snapshot.js';
import { listThemes, loadTheme, type ThemeToken } from '../../theme/index.js';
import type { Clock } from '../clock.js';
import { completeCommand, parseCommand, type ParsedCommand } from '../commands.js';
import { Screen } from '../components/Screen.js';
import { scrollOffset } from '../components/columns.js';
import { tableLines } from '../components/table.js';
import { useDetails } from '../hooks/useDetails.js';
import { useFleet } from '../hooks/useFleet.js';
import { useNow } from '../hooks/useNow.js';
import { useTerminalSize } from '../hooks/useTerminalSize.js';
import { useVisibleContainers } from '../hooks/useVisibleContainers.js';
import { useSyncedState } from '../hooks/useSyncedState.js';
import { splitKeyPresses } from '../input-chunks.js';
import { findBinding, keyName, type BindingContext, type KeyBinding } from '../keymap.js';
import {
  CONTAINER_SORT_COLUMNS,
  presentContainers,
  type ContainerScope,
  type ContainerSort,
} from '../presenters/container-rows.js';
import { presentEvents } from '../presenters/events.js';
import { compileFilter } from '../presenters/filter.js';
import { fit } from '../presenters/format.js';
import { presentHosts } from '../presenters/hosts.js';
import { presentRoles } from '../presenters/roles.js';
import { localVitalsOf, presentStorage } from '../presenters/storage.js';
import type { ActionTarget } from '../types.js';
import { isMainView, MAIN_VIEWS, VIEW_TITLES, type MainView, type ViewName } from '../views.js';
import { CONTAINER_STATES } from '../commands.js';
import { containerColumns, EVENT_COLUMNS, HOST_COLUMNS, ROLE_COLUMNS } from './columns.js';
import { detailsLines } from './details-lines.js';
import { headerLine } from './header.js';
import { helpLines } from './help-lines.js';
import { infoLine, usageSummary } from './info-line.js';
import { statusLine, type PromptMode } from './status-line.js';
import { storageLines } from './storage-lines.js';
import { isTooSmall, tooSmallLines } from './too-small.js';
import { containerKey, type Container } from '../../domain/container.js';
import { logsRequest, rowsLabel, type LogsSelection } from '../logs/log-request.js';
import { LogsView } from '../logs/LogsView.js';
import { PANE_COMMANDS } from '../logs/pane-keys.js';
import { useLogsSession } from '../logs/useLogsSession.js';
import { ActionDialog } from '../action-flow/ActionDialog.js';
import { useActionFlow } from '../action-flow/useActionFlow.js';
import type { AppProps } from '../App.js';

/** The App's props for the interactive dashboard (no wallboard ones), with a clock always given. */
export type DashboardProps = Omit<AppProps, 'wallboard' | 'alerts' | 'wallboardPageMs' | 'clock'> & {
  clock: Clock;
};

interface Cursor {
  /** Row key the cursor sits on, so it follows the row when data changes. */
  key?: string | undefined;
  index: number;
  offset: number;
}

interface Message {
  text: string;
  tone: ThemeToken;
}

/** Lines besides the table body: header, title, column header, info line, status line. */
const CHROME_LINES = 5;
const FIRST_CURSOR: Cursor = { index: 0, offset: 0 };
const EMPTY_FILTERS: Record<MainView, string> = {
  hosts: '',
  roles: '',
  containers: '',
  events: '',
  storage: '',
};

function resolveIndex(cursor: Cursor, keys: readonly string[]): number {
  if (keys.length === 0) return 0;
  if (cursor.key !== undefined) {
    const i = keys.indexOf(cursor.key);
    if (i >= 0) return i;
  }
  return Math.min(cursor.index, keys.length - 1);
}

function isPrintable(input: string, key: Key): boolean {
  return input.length > 0 && !key.ctrl && !key.meta && [...input].every((ch) => ch >= ' ' && ch !== '\u007f');
}

export function Dashboard(props: DashboardProps) {
  const { reader, readOnly, clock, onQuit } = props;
  const actions = readOnly ? undefined : props.actions;
  const snapshot = useFleet(reader);
  // A fixed prop wins (tests, embedding); otherwise the health monitor's live reading.
  const localVitals = props.localVitals ?? localVitalsOf(snapshot.local);
  const size = useTerminalSize();
  const now = useNow(clock);
  // Ink's flag is stdin.isTTY, which is undefined (not false) for a file or /dev/null; useInput only
  // stays off for an explicit false, and would then throw trying to enter raw mode.
  const isRawModeSupported = useStdin().isRawModeSupported === true;

  const [view, setView, viewRef] = useSyncedState<ViewName>(props.initialView ?? 'hosts');
  const [, setStack, stackRef] = useSyncedState<ViewName[]>([]);
  const [mode, setMode, modeRef] = useSyncedState<PromptMode>('normal');
  const [input, setInput, inputRef] = useSyncedState('');
  const [completions, setCompletions] = useState<string[]>([]);
  const [filters, setFilters, filtersRef] = useSyncedState<Record<MainView, string>>(EMPTY_FILTERS);
  const [cursors, setCursors, cursorsRef] = useSyncedState<Partial<Record<ViewName, Cursor>>>({});
  const [scope, setScope, scopeRef] = useSyncedState<ContainerScope>({});
  const [sort, setSort, sortRef] = useSyncedState<ContainerSort | undefined>(undefined);
  const [detailsTarget, setDetailsTarget] = useState<{ host: string; id: string; name: string }>();
  const [helpFor, setHelpFor] = useState<ViewName>('hosts');
  const [theme, setTheme] = useState(props.theme);
  const [message, setMessage] = useState<Message | undefined>(() =>
    props.warnings && props.warnings.length > 0
      ? { text: props.warnings.join(' | '), tone: 'status.warn' }
      : undefined,
  );
  useEffect(() => setTheme(props.theme), [props.theme]);

  const context: BindingContext = { readOnly, canAct: actions !== undefined };
  const flow = useActionFlow({
    actions,
    loadDetails: props.loadDetails,
    containers: snapshot.containers,
    onSettled: props.onActionSettled,
  });
  // The streams stay open while the Logs view is shown or under a view opened from it (help).
  const logs = useLogsSession(props.openLogTail, view === 'logs' || stackRef.current.includes('logs'));
  const width = size.columns;
  const height = size.rows - 1; // a full-height frame makes Ink clear the screen on every update (flicker)
  const bodyHeight = Math.max(1, height - CHROME_LINES);
  const listView: MainView = isMainView(view) ? view : view === 'details' ? 'containers' : 'hosts';
  const filter = useMemo(() => compileFilter(isMainView(view) ? filters[view] : ''), [view, filters]);

  // Only the current view's rows are computed: a view not on screen costs nothing per update.
  const hostRows = useMemo(
    () => (view === 'hosts' ? presentHosts(snapshot.hosts, now, filter, snapshot.storage) : []),
    [view, snapshot.hosts, now, filter, snapshot.storage],
  );
  const roleRows = useMemo(
    () => (view === 'roles' ? presentRoles(snapshot.containers, filter, snapshot.ignoresStopSignal) : []),
    [view, snapshot.containers, filter, snapshot.ignoresStopSignal],
  );
  const containerRows = useMemo(
    () =>
      view === 'containers'
        ? presentContainers({
            containers: snapshot.containers,
            usage: snapshot.usage,
            events: snapshot.events,
            scope,
            filter,
            sort,
            ignoresStopSignal: snapshot.ignoresStopSignal,
          })
        : [],
    [view, snapshot, scope, filter, sort],
  );
  const eventRows = useMemo(
    () => (view === 'events' ? presentEvents(snapshot.events, filter) : []),
    [view, snapshot.events, filter],
  );

  const detailsContainer = detailsTarget
    ? snapshot.containers.find((c) => c.host === detailsTarget.host && c.id === detailsTarget.id)
    : undefined;
  const details = useDetails(
    props.loadDetails,
    view === 'details' ? detailsTarget : undefined,
    detailsContainer ? `${detailsContainer.state}|${detailsContainer.status}` : 'gone',
  );

  const pageLines = useMemo((): string[] | undefined => {
    if (view === 'details') {
      const key = detailsTarget ? `${detailsTarget.host}/${detailsTarget.id}` : '';
      return detailsLines(details, detailsTarget?.name ?? '', now, width, theme, {
        ignoresStopSignal: snapshot.ignoresStopSignal?.has(key) ?? false,
      });
    }
    if (view === 'help') return helpLines(helpFor, context, width, theme);
    if (view === 'storage')
      return storageLines(
        presentStorage(snapshot.hosts, snapshot.storage, now, filter, snapshot.vitals),
        width,
        theme,
      );
    return undefined;
  }, [view, details, detailsTarget, now, width, theme, helpFor, readOnly, actions, snapshot, filter]);

  const rowKeys: string[] = (() => {
    switch (view) {
      case 'hosts':
        return hostRows.map((r) => r.key);
      case 'roles':
        return roleRows.map((r) => r.key);
      case 'containers':
        return containerRows.map((r) => r.key);
      case 'events':
        return eventRows.map((r) => r.key);
      default:
        return [];
    }
  })();
  const total = pageLines ? pageLines.length : rowKeys.length;
  const cursor = cursors[view] ?? FIRST_CURSOR;
  const selected = pageLines ? 0 : resolveIndex(cursor, rowKeys);
  const offset = pageLines
    ? Math.max(0, Math.min(cursor.offset, total - bodyHeight))
    : scrollOffset(cursor.offset, selected, bodyHeight, total);

  const selectedContainer = view === 'containers' ? containerRows[selected] : undefined;
  const selectedRole = view === 'roles' ? roleRows[selected] : undefined;
  const roleKeys = useMemo(
    () =>
      selectedRole
        ? snapshot.containers.filter((c) => c.role === selectedRole.role).map((c) => `${c.host}/${c.id}`)
        : [],
    [selectedRole, snapshot.containers],
  );

  const visibleKeys: string[] =
    view === 'containers'
      ? containerRows.slice(offset, offset + bodyHeight).map((r) => r.key)
      : view === 'details' && detailsTarget
        ? [`${detailsTarget.host}/${detailsTarget.id}`]
        : view === 'roles'
          ? roleKeys
          : [];
  useVisibleContainers(visibleKeys, props.onVisibleContainersChange);

  const setCursor = useCallback(
    (v: ViewName, next: Cursor) => setCursors((all) => ({ ...all, [v]: next })),
    [],
  );

  const go = (next: ViewName, push: boolean): void => {
    if (push) setStack((s) => [...s.slice(-8), viewRef.current]);
    else setStack([]);
    setView(next);
  };

  const back = (): void => {
    if (isMainView(viewRef.current) && filtersRef.current[viewRef.current] !== '') {
      setFilters((f) => ({ ...f, [viewRef.current]: '' }));
      return;
    }
    const previous = stackRef.current.at(-1);
    if (
      viewRef.current === 'containers' &&
      (scopeRef.current.host || scopeRef.current.role || scopeRef.current.state)
    )
      setScope({});
    if (previous) {
      setStack((s) => s.slice(0, -1));
      setView(previous);
    } else if (viewRef.current === 'details' || viewRef.current === 'help') {
      setView(listView);
    }
  };

  const runCommand = (command: ParsedCommand): void => {
    switch (command.kind) {
      case 'view':
        go(command.view, false);
        return;
      case 'containers': {
        const next: ContainerScope = {};
        if (command.role) next.role = command.role;
        if (command.host) next.host = command.host;
        if (command.state) next.state = command.state;
        if (command.host && !snapshot.hosts.some((h) => h.name === command.host)) {
          setMessage({ text: `no host named "${command.host}" in the fleet`, tone: 'status.warn' });
        }
        setScope(next);
        setCursor('containers', FIRST_CURSOR);
        go('containers', false);
        return;
      }
      case 'theme': {
        const loaded = loadTheme({ name: command.name, userDir: props.themeDir, colorMode: props.colorMode });
        setTheme(loaded.theme);
        setMessage(
          loaded.warnings.length > 0
            ? { text: loaded.warnings.join(' | '), tone: 'status.warn' }
            : { text: `theme ${loaded.theme.name}`, tone: 'text.dim' },
        );
        return;
      }
      case 'help':
        setHelpFor(viewRef.current === 'help' ? helpFor : viewRef.current);
        go('help', true);
        return;
      case 'quit':
        onQuit();
        return;
      case 'error':
        setMessage({ text: command.message, tone: 'status.warn' });
        return;
    }
  };

  /** In Roles the role (rolling restart, redeploy); elsewhere the selected container. */
  const actionTarget = (): ActionTarget | undefined => {
    if (viewRef.current === 'roles')
      return selectedRole ? { kind: 'role', role: selectedRole.role } : undefined;
    if (viewRef.current === 'details' && detailsTarget) return { kind: 'container', ...detailsTarget };
    if (selectedContainer) {
      const { host, id, name } = selectedContainer;
      return { kind: 'container', host, id, name };
    }
    return undefined;
  };

  const openLogs = (ofRows: boolean): void => {
    const byKey = new Map(snapshot.containers.map((c): [string, Container] => [containerKey(c), c]));
    const current = viewRef.current;
    const selection: LogsSelection =
      current === 'hosts'
        ? { kind: 'host', host: hostRows[selected]?.name }
        : current === 'roles'
          ? { kind: 'role', role: selectedRole?.role }
          : current === 'details'
            ? { kind: 'container', container: detailsContainer }
            : ofRows
              ? {
                  kind: 'rows',
                  label: rowsLabel(scopeRef.current, filtersRef.current.containers),
                  containers: containerRows.flatMap((r) => byKey.get(r.key) ?? []),
                }
              : { kind: 'container', container: byKey.get(selectedContainer?.key ?? '') };
    const result = logsRequest(selection, snapshot.containers);
    if (!result.ok) return setMessage({ text: result.message, tone: 'status.warn' });
    if (!logs.open(result.request)) {
      setMessage({ text: 'logs are not available here (no connection to the fleet)', tone: 'status.warn' });
      return;
    }
    go('logs', true);
    if (result.request.note) setMessage({ text: result.request.note, tone: 'status.warn' });
  };

  const move = (delta: number | 'top' | 'bottom'): void => {
    const last = Math.max(0, total - 1);
    // From the ref, not the rendered values: two keys may arrive before the next render.
    const latest = cursorsRef.current[viewRef.current] ?? FIRST_CURSOR;
    if (pageLines) {
      const maxOffset = Math.max(0, total - bodyHeight);
      const next =
        delta === 'top'
          ? 0
          : delta === 'bottom'
            ? maxOffset
            : Math.min(maxOffset, Math.max(0, Math.min(latest.offset, maxOffset) + delta));
      setCursor(viewRef.current, { index: 0, offset: next });
      return;
    }
    const index =
      delta === 'top'
        ? 0
        : delta === 'bottom'
          ? last
          : Math.min(last, Math.max(0, resolveIndex(latest, rowKeys) + delta));
    setCursor(viewRef.current, {
      key: rowKeys[index],
      index,
      offset: scrollOffset(latest.offset, index, bodyHeight, total),
    });
  };

  const runBinding = (binding: KeyBinding): void => {
    switch (binding.id) {
      case 'down':
        return move(1);
      case 'up':
        return move(-1);
      case 'top':
        return move('top');
      case 'bottom':
        return move('bottom');
      case 'pageDown':
        return move(bodyHeight);
      case 'pageUp':
        return move(-bodyHeight);
      case 'nextView':
      case 'prevView': {
        const step = binding.id === 'nextView' ? 1 : MAIN_VIEWS.length - 1;
        go(MAIN_VIEWS[(MAIN_VIEWS.indexOf(listView) + step) % MAIN_VIEWS.length] ?? 'hosts', false);
        return;
      }
      case 'view.hosts':
      case 'view.roles':
      case 'view.containers':
      case 'view.events':
      case 'view.storage':
        go(binding.id.slice('view.'.length) as MainView, false);
        return;
      case 'open':
        if (viewRef.current === 'hosts' && hostRows[selected]) {
          setScope({ host: hostRows[selected].name });
          setCursor('containers', FIRST_CURSOR);
          go('containers', true);
        } else if (viewRef.current === 'roles' && selectedRole) {
          setScope({ role: selectedRole.role });
          setCursor('containers', FIRST_CURSOR);
          go('containers', true);
        } else if (viewRef.current === 'containers' && selectedContainer) {
          const { host, id, name } = selectedContainer;
          setDetailsTarget({ host, id, name });
          setCursor('details', FIRST_CURSOR);
          go('details', true);
        }
        return;
      case 'filter':
        setMode('filter');
        return;
      case 'command':
        setMode('command');
        setInput('');
        setCompletions([]);
        return;
      case 'back':
        return back();
      case 'help':
        if (viewRef.current !== 'help') {
          setHelpFor(viewRef.current);
          setCursor('help', FIRST_CURSOR);
          go('help', true);
        }
        return;
      case 'quit':
        onQuit();
        return;
      case 'sortNext': {
        const at = sortRef.current ? CONTAINER_SORT_COLUMNS.indexOf(sortRef.current.column) : -1;
        const column = CONTAINER_SORT_COLUMNS[(at + 1) % CONTAINER_SORT_COLUMNS.length] ?? 'host';
        setSort({ column, descending: column === 'cpu' || column === 'mem' || column === 'restarts' });
        return;
      }
      case 'sortReverse':
        setSort((s) => (s ? { ...s, descending: !s.descending } : { column: 'host', descending: true }));
        return;
      case 'logs':
      case 'logsOfRows':
        return openLogs(binding.id === 'logsOfRows');
      case 'action.restart':
      case 'action.restartRole':
      case 'action.snapshot':
      case 'action.redeploy':
      case 'action.kill':
      case 'action.stop': {
        const kind = binding.action;
        if (!kind || !actions) return;
        const target = actionTarget();
        if (!target) {
          setMessage({ text: `nothing selected to ${kind}`, tone: 'status.warn' });
          return;
        }
        flow.start(kind, target);
        return;
      }
    }
  };

  const editFilter = (text: string): void => {
    if (!isMainView(viewRef.current)) return;
    setFilters((f) => ({ ...f, [viewRef.current]: text }));
    setCursor(viewRef.current, FIRST_CURSOR);
  };

  const handleKey = (raw: string, key: Key): void => {
    // The logs pane reads keys itself: its search prompt, and pastes (a chunk it takes whole).
    if (viewRef.current === 'logs' && (logs.promptOpen() || [...raw].length > 1)) return;
    const presses = splitKeyPresses(raw, key);
    if (presses) {
      // Keys that arrived in one read (`/web⏎` from a paste, tmux send-keys or a slow link) are
      // handled one by one, so that `/` switches mode before `w` and Enter closes the prompt.
      for (const press of presses) handlerRef.current(press.input, press.key);
      return;
    }
    const name = keyName(raw, key);
    // An open action dialog owns the keyboard: its confirmation must not leak into the views.
    if (flow.isOpen()) return flow.handleKey({ name, text: isPrintable(raw, key) ? raw : undefined });
    if (modeRef.current === 'filter') {
      const current = isMainView(viewRef.current) ? filtersRef.current[viewRef.current] : '';
      if (name === 'esc') {
        editFilter('');
        setMode('normal');
      } else if (name === 'enter') setMode('normal');
      else if (name === 'backspace' || name === 'delete') editFilter(current.slice(0, -1));
      else if (isPrintable(raw, key)) editFilter(current + raw);
      return;
    }
    if (modeRef.current === 'command') {
      if (name === 'esc') setMode('normal');
      else if (name === 'enter') {
        setMode('normal');
        setCompletions([]);
        if (inputRef.current.trim() !== '') runCommand(parseCommand(inputRef.current));
      } else if (name === 'tab') {
        const done = completeCommand(inputRef.current, {
          roles: [...new Set(snapshot.containers.map((c) => c.role))],
          hosts: snapshot.hosts.map((h) => h.name),
          themes: listThemes(props.themeDir),
        });
        setInput(done.text);
        setCompletions(done.options);
      } else if (name === 'backspace' || name === 'delete') setInput((s) => s.slice(0, -1));
      else if (isPrintable(raw, key)) {
        setInput((s) => s + raw);
        setCompletions([]);
      }
      return;
    }
    const binding = findBinding(viewRef.current, name, context);
    if (!binding) return;
    if (viewRef.current === 'logs' && PANE_COMMANDS.has(binding.id)) return;
    setMessage(undefined);
    runBinding(binding);
  };

  // One stable listener; it always calls the latest handler (no re-subscription per render).
  const handlerRef = useRef(handleKey);
  handlerRef.current = handleKey;
  const stableHandler = useCallback((raw: string, key: Key) => handlerRef.current(raw, key), []);
  // Without a TTY there is no raw mode: Ink would throw, so the dashboard runs without input.
  useInput(stableHandler, { isActive: isRawModeSupported });

  if (isTooSmall(size.columns, size.rows)) {
    return <Screen lines={tooSmallLines(size.columns, size.rows, theme)} />;
  }

  const title = (): string => {
    const parts: string[] = [VIEW_TITLES[view]];
    if (view === 'containers') {
      if (scope.host) parts.push(`host=${scope.host}`);
      if (scope.role) parts.push(`role=${scope.role}`);
      if (scope.state) parts.push(`state=${scope.state}`);
    }
    if (view === 'details' && detailsTarget) parts.push(`${detailsTarget.host}/${detailsTarget.name}`);
    if (view === 'storage') {
      if (filters.storage) parts.push(`/${filters.storage}/`);
      parts.push(`${snapshot.hosts.length} hosts`);
    } else if (isMainView(view)) {
      if (filters[view]) parts.push(`/${filters[view]}/`);
      const all =
        view === 'hosts'
          ? snapshot.hosts.length
          : view === 'events'
            ? snapshot.events.length
            : view === 'roles'
              ? undefined
              : snapshot.containers.length;
      parts.push(all === undefined || all === total ? `${total}` : `${total} of ${all}`);
    }
    if (view === 'containers' && sort) parts.push(`sort ${sort.column}${sort.descending ? '↓' : '↑'}`);
    if (pageLines && total > bodyHeight + 1)
      parts.push(`lines ${offset + 1}-${Math.min(total, offset + bodyHeight + 1)} of ${total}`);
    return parts.join(' · ');
  };

  const body = ((): string[] => {
    const common = { selected, offset, height: bodyHeight, width, theme };
    switch (view) {
      case 'hosts':
        return tableLines({ ...common, columns: HOST_COLUMNS, rows: hostRows, empty: 'no hosts match' });
      case 'roles':
        return tableLines({
          ...common,
          columns: ROLE_COLUMNS,
          rows: roleRows,
          empty: 'no roles (no containers yet)',
        });
      case 'containers':
        return tableLines({
          ...common,
          columns: containerColumns(sort),
          rows: containerRows,
          empty:
            scope.state && !CONTAINER_STATES.includes(scope.state)
              ? `unknown state "${scope.state}"`
              : 'no containers match',
        });
      case 'events':
        return tableLines({ ...common, columns: EVENT_COLUMNS, rows: eventRows, empty: 'no events yet' });
      default:
        // Details and help have no column header: they scroll one line more.
        return (pageLines ?? []).slice(offset, offset + bodyHeight + 1);
    }
  })();

  const usageOf = (keys: readonly string[]): ContainerUsage[] =>
    keys.map((k) => snapshot.usage.get(k)).filter((u): u is ContainerUsage => u !== undefined);
  const infoLeft =
    view === 'containers' && selectedContainer
      ? usageSummary(selectedContainer.name, usageOf([selectedContainer.key]), theme)
      : view === 'details' && detailsTarget
        ? usageSummary(detailsTarget.name, usageOf([`${detailsTarget.host}/${detailsTarget.id}`]), theme)
        : view === 'roles' && selectedRole
          ? usageSummary(`${selectedRole.role} (${roleKeys.length})`, usageOf(roleKeys), theme)
          : view === 'hosts' && hostRows[selected]?.reason
            ? theme.paint(hostRows[selected].reason, hostRows[selected].stateTone)
            : '';

  const header = headerLine({
    view,
    hosts: snapshot.hosts,
    now,
    updatedAt: snapshot.updatedAt,
    readOnly,
    width,
    theme,
  });

  if (flow.state)
    return <ActionDialog state={flow.state} header={header} width={width} height={height} theme={theme} />;

  if (view === 'logs' && logs.session)
    return (
      <LogsView
        session={logs.session}
        header={header}
        status={statusLine({ mode, input, completions, message, view, context, width, theme })}
        height={height}
        theme={theme}
        saveDir={props.logsDir ?? process.cwd()}
        now={clock.now}
        isActive={isRawModeSupported}
        acceptKeys={() => viewRef.current === 'logs'}
        onPromptChange={logs.setPromptOpen}
      />
    );

  const lines = [header, theme.paint(fit(title(), width), 'text.primary', { bold: true }), ...body];
  while (lines.length < height - 2) lines.push('');
  lines.push(infoLine(infoLeft, localVitals, width, theme));
  lines.push(
    statusLine({
      mode,
      input: mode === 'filter' && isMainView(view) ? filters[view] : input,
      filterError: mode === 'filter' ? filter.error : undefined,
      completions,
      message,
      view,
      context,
      width,
      theme,
    }),
  );
  return <Screen lines={lines.slice(0, height)} />;
}
