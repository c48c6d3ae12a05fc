import type { ThemeCatalog } from '../../theme/index.js';
import type { Container } from '../../domain/container.js';
import type { ActionFlow } from '../action-flow/useActionFlow.js';
import { logsRequest } from '../logs/log-request.js';
import { inertTheme } from '../safe-theme.js';
import type { LogsSessionControl } from '../logs/useLogsSession.js';
import type { ResourceView } from '../views.js';
import type { DashboardEvent, DetailsTarget, Effect } from './state.js';

export interface EffectDeps {
  dispatch: (event: DashboardEvent) => void;
  onQuit: () => void;
  /** Read once at start; until then (the first frame) a theme is read on demand. */
  themes: () => ThemeCatalog;
  containers: readonly Container[];
  logs: LogsSessionControl;
  flow: ActionFlow;
  /** `e`: hands the terminal to a shell in the container (useShell). */
  shell: (target: DetailsTarget) => void;
  /** Reads a resource view's kind again (`r` there). */
  resources: { refresh(kind: ResourceView): void };
}

/** Carries out one effect of the reducer; what it learns comes back as an event. */
export function runEffect(effect: Effect, deps: EffectDeps): void {
  const warn = (text: string): void =>
    deps.dispatch({ type: 'message', message: { text, tone: 'status.warn' } });
  switch (effect.type) {
    case 'quit':
      return deps.onQuit();
    case 'loadTheme': {
      const loaded = deps.themes().load(effect.name);
      return deps.dispatch({ type: 'theme', theme: inertTheme(loaded.theme), warnings: loaded.warnings });
    }
    case 'openLogs': {
      const result = logsRequest(effect.selection, deps.containers);
      if (!result.ok) return warn(result.message);
      if (!deps.logs.open(result.request))
        return warn('logs are not available here (no connection to the fleet)');
      return deps.dispatch({ type: 'logsOpened', note: result.request.note });
    }
    case 'action':
      return deps.flow.start(effect.kind, effect.target);
    case 'shell':
      return deps.shell(effect.target);
    case 'refreshResources':
      return deps.resources.refresh(effect.kind);
    case 'prune':
      return deps.flow.startPrune(effect.what);
  }
}
