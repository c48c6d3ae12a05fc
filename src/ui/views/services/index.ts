import { tableLines } from '../../components/table.js';
import { serviceLogRef } from '../../../fleet/swarm/service-log-ref.js';
import { swarmProblem, swarmsOf } from '../../presenters/swarm.js';
import { countParts, type ViewModule } from '../view-module.js';
import { SERVICE_BINDINGS } from './bindings.js';
import { SERVICE_COLUMNS } from './columns.js';
import { presentServices } from './present.js';

/** `:services`: every service of every swarm: replicas per node, update state, drift, last error. */
export const servicesView: ViewModule = {
  name: 'services',
  bindings: SERVICE_BINDINGS,
  frame({ snapshot, now, width, theme }) {
    const swarms = swarmsOf(snapshot);
    const rows = presentServices(swarms, now);
    const problems = swarms.flatMap((v) => swarmProblem(v, now) ?? []);
    const stateOf = (swarm: string) => swarms.find((v) => v.name === swarm)?.state;
    return {
      rowKeys: rows.map((r) => r.key),
      title: (total) => [...countParts('', total), ...problems],
      body: (selected, offset, height) =>
        tableLines({
          columns: SERVICE_COLUMNS,
          rows,
          selected,
          offset,
          height,
          width,
          theme,
          empty: swarms.length === 0 ? 'no swarms in the fleet file (swarms:)' : 'no services',
        }),
      selection: (i) => {
        const r = rows[i];
        return r
          ? { kind: 'service', swarm: r.swarm, service: r.name, id: r.id, replicas: r.replicas }
          : undefined;
      },
      logs: (i) => {
        const r = rows[i];
        const state = r ? stateOf(r.swarm) : undefined;
        return { kind: 'service', service: r && state ? serviceLogRef(state, r.id, r.name) : undefined };
      },
      info: (i) => {
        const r = rows[i];
        if (!r) return '';
        return r.lastError
          ? theme.paint(`last error: ${r.lastError}`, 'status.crit')
          : theme.paint(r.perNode || 'no tasks', 'text.dim');
      },
    };
  },
};
