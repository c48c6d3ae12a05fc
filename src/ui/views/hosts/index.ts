import { tableLines } from '../../components/table.js';
import { COMMAND_BINDING, FILTER_BINDING, LOGS_BINDING } from '../../dashboard/common-bindings.js';
import type { KeyBinding } from '../../dashboard/binding.js';
import { goStep, withCursor } from '../../dashboard/nav.js';
import { FIRST_CURSOR, stay } from '../../dashboard/state.js';
import { countParts, type ViewModule } from '../view-module.js';
import { HOST_COLUMNS } from './columns.js';
import { presentHosts } from './present.js';

const BINDINGS: readonly KeyBinding[] = [
  {
    id: 'open',
    keys: ['enter'],
    description: 'Open: host/role → its containers, container → details',
    mutating: false,
    run: (s, c) =>
      c.frame.selection?.kind === 'host'
        ? goStep(
            withCursor({ ...s, scope: { host: c.frame.selection.host } }, 'containers', FIRST_CURSOR),
            'containers',
            true,
          )
        : stay(s),
  },
  FILTER_BINDING,
  COMMAND_BINDING,
  LOGS_BINDING,
];

export const hostsView: ViewModule = {
  name: 'hosts',
  bindings: BINDINGS,
  frame({ snapshot, now, filter, state, width, theme }) {
    const rows = presentHosts(snapshot.hosts, now, filter, snapshot.storage, snapshot.swarms);
    return {
      rowKeys: rows.map((r) => r.key),
      title: (total) =>
        countParts(
          state.filters.hosts,
          total,
          state.filters.hosts
            ? presentHosts(snapshot.hosts, now, undefined, snapshot.storage, snapshot.swarms).length
            : total,
        ),
      body: (selected, offset, height) =>
        tableLines({
          columns: HOST_COLUMNS,
          rows,
          selected,
          offset,
          height,
          width,
          theme,
          empty: 'no hosts match',
        }),
      selection: (i) => {
        const r = rows[i];
        if (!r) return undefined;
        // A node read from its managers has no containers here: the swarm views act on it.
        if (r.node) return { kind: 'node', swarm: r.node.swarm, node: r.node.id, hostname: r.node.hostname };
        return r.key.startsWith('swarm:') ? undefined : { kind: 'host', host: r.name };
      },
      logs: (i) => ({ kind: 'host', host: rows[i]?.key.startsWith('swarm:') ? undefined : rows[i]?.name }),
      info: (i) => {
        const row = rows[i];
        return row?.reason ? theme.paint(row.reason, row.stateTone) : '';
      },
    };
  },
};
