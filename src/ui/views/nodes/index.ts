import { tableLines } from '../../components/table.js';
import { swarmProblem, swarmsOf } from '../../presenters/swarm.js';
import { countParts, type ViewModule } from '../view-module.js';
import { NODE_BINDINGS } from './bindings.js';
import { NODE_COLUMNS } from './columns.js';
import { presentNodes } from './present.js';

/** `:nodes`: every node of every swarm, as its managers see it, live. */
export const nodesView: ViewModule = {
  name: 'nodes',
  bindings: NODE_BINDINGS,
  frame({ snapshot, now, width, theme }) {
    const swarms = swarmsOf(snapshot);
    const rows = presentNodes(swarms, snapshot.hosts, now);
    const problems = swarms.flatMap((v) => swarmProblem(v, now) ?? []);
    return {
      rowKeys: rows.map((r) => r.key),
      title: (total) => [...countParts('', total), ...problems],
      body: (selected, offset, height) =>
        tableLines({
          columns: NODE_COLUMNS,
          rows,
          selected,
          offset,
          height,
          width,
          theme,
          empty: 'no swarms in the fleet file (swarms:)',
        }),
      selection: (i) => {
        const r = rows[i];
        if (!r || r.id === '') return undefined;
        const host = r.host === '-' ? undefined : r.host;
        return { kind: 'node', swarm: r.swarm, node: r.id, hostname: r.hostname, host };
      },
      info: (i) => {
        const r = rows[i];
        return r ? theme.paint(r.labels ? `${r.hostname} labels: ${r.labels}` : r.hostname, 'text.dim') : '';
      },
    };
  },
};
