import { tableLines } from '../../components/table.js';
import { COMMAND_BINDING, LOGS_BINDING } from '../../dashboard/common-bindings.js';
import { serviceLogRef } from '../../../fleet/swarm/service-log-ref.js';
import { swarmsOf } from '../../presenters/swarm.js';
import { countParts, type ViewModule } from '../view-module.js';
import { TASK_COLUMNS } from './columns.js';
import { locateService, presentTasks } from './present.js';

/** `:tasks SERVICE`: one service's tasks, where they run and how they ended; `l` its logs. */
export const tasksView: ViewModule = {
  name: 'tasks',
  bindings: [COMMAND_BINDING, LOGS_BINDING],
  frame({ snapshot, now, width, theme, state }) {
    const found = locateService(swarmsOf(snapshot), state.tasksOf);
    const rows = found.ok ? presentTasks(found, now) : [];
    return {
      rowKeys: rows.map((r) => r.key),
      title: (total) =>
        found.ok ? [`${found.state.swarm}/${found.service.name}`, ...countParts('', total)] : [found.message],
      body: (selected, offset, height) =>
        tableLines({
          columns: TASK_COLUMNS,
          rows,
          selected,
          offset,
          height,
          width,
          theme,
          empty: found.ok ? 'no tasks' : found.message,
        }),
      selection: () =>
        found.ok
          ? {
              kind: 'service',
              swarm: found.state.swarm,
              service: found.service.name,
              id: found.service.id,
              replicas: found.service.replicas,
            }
          : undefined,
      logs: () => ({
        kind: 'service',
        service: found.ok ? serviceLogRef(found.state, found.service.id, found.service.name) : undefined,
      }),
      info: (i) => {
        const r = rows[i];
        return r?.message ? theme.paint(r.message, r.stateTone) : '';
      },
    };
  },
};
