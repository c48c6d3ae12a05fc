import { COMMAND_BINDING, CONTAINER_ACTIONS, LOGS_BINDING } from '../../dashboard/common-bindings.js';
import { usageSummary } from '../info-line.js';
import { usageOf } from '../usage.js';
import { pageFrame, type ViewModule } from '../view-module.js';
import { COMPARE_BINDING } from './compare-bindings.js';
import { detailsLines } from './lines.js';
import { replicasOf, targetOf } from './replicas.js';

export const detailsView: ViewModule = {
  name: 'details',
  bindings: [COMMAND_BINDING, ...CONTAINER_ACTIONS, LOGS_BINDING, COMPARE_BINDING],
  frame({ snapshot, details, recentLogs, state, now, width, theme }) {
    const target = state.details;
    const key = target ? `${target.host}/${target.id}` : '';
    const lines = detailsLines(details, target?.name ?? '', now, width, theme, {
      ignoresStopSignal: snapshot.ignoresStopSignal?.has(key) ?? false,
      recentLogs: recentLogs ?? { status: 'unavailable' },
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
      replicas: () => replicasOf(snapshot.containers, target).map(targetOf),
    };
  },
};
