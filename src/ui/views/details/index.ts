import { COMMAND_BINDING, CONTAINER_ACTIONS, LOGS_BINDING } from '../../dashboard/common-bindings.js';
import { usageSummary } from '../info-line.js';
import { usageOf } from '../usage.js';
import { pageFrame, type ViewModule } from '../view-module.js';
import { detailsLines } from './lines.js';

export const detailsView: ViewModule = {
  name: 'details',
  bindings: [COMMAND_BINDING, ...CONTAINER_ACTIONS, LOGS_BINDING],
  frame({ snapshot, details, state, now, width, theme }) {
    const target = state.details;
    const key = target ? `${target.host}/${target.id}` : '';
    const lines = detailsLines(details, target?.name ?? '', now, width, theme, {
      ignoresStopSignal: snapshot.ignoresStopSignal?.has(key) ?? false,
    });
    const container = target
      ? snapshot.containers.find((c) => c.host === target.host && c.id === target.id)
      : undefined;
    return {
      ...pageFrame(lines, target ? [`${target.host}/${target.name}`] : []),
      selection: () => (target ? { kind: 'container', ...target } : undefined),
      logs: () => ({ kind: 'container', container }),
      info: () => (target ? usageSummary(target.name, usageOf(snapshot, [key]), theme) : ''),
      visibleKeys: () => (target ? [key] : []),
    };
  },
};
