import type { Container } from '../../../domain/container.js';
import type { Column } from '../../components/columns.js';
import { tableLines } from '../../components/table.js';
import { pageFrame, type ViewModule } from '../view-module.js';
import { COMPARE_VIEW_BINDINGS } from './compare-bindings.js';
import { compareLines } from './compare-lines.js';
import { replicasOf } from './replicas.js';

const REPLICA_COLUMNS: readonly Column<Container & { key: string }>[] = [
  { id: 'host', title: 'HOST', min: 8, max: 16, value: (c) => c.host, priority: 9 },
  { id: 'name', title: 'REPLICA', min: 12, max: 30, value: (c) => c.name, priority: 9 },
  { id: 'state', title: 'STATUS', min: 10, max: 30, value: (c) => c.status, priority: 5 },
  {
    id: 'image',
    title: 'IMAGE',
    min: 10,
    max: 60,
    value: (c) => c.image,
    tone: () => 'text.dim',
    priority: 3,
  },
];

/** The container in details against another replica of its role: a picker first when there are several. */
export const compareView: ViewModule = {
  name: 'compare',
  bindings: COMPARE_VIEW_BINDINGS,
  frame({ snapshot, state, details, peerDetails, width, theme }) {
    const self = state.details;
    const selfName = self ? `${self.host}/${self.name}` : '';
    const peer = state.compare;
    if (peer) {
      const peerName = `${peer.host}/${peer.name}`;
      const lines = compareLines(
        details,
        peerDetails ?? { status: 'idle' },
        { left: selfName, right: peerName },
        width,
        theme,
      );
      return pageFrame(lines, [`${selfName} vs ${peerName}`, 'differences only']);
    }
    const rows = replicasOf(snapshot.containers, self).map((c) => ({ ...c, key: `${c.host}/${c.id}` }));
    return {
      rowKeys: rows.map((r) => r.key),
      title: (total) => [`${selfName} vs …`, `pick a replica (${total})`],
      body: (selected, offset, height) =>
        tableLines({
          columns: REPLICA_COLUMNS,
          rows,
          selected,
          offset,
          height,
          width,
          theme,
          empty: 'no other replica of this role',
        }),
      selection: (i) => {
        const r = rows[i];
        return r ? { kind: 'container', host: r.host, id: r.id, name: r.name } : undefined;
      },
    };
  },
};
