import { containerKey, type Container } from '../../../domain/container.js';
import { CONTAINER_STATES } from '../../commands.js';
import { tableLines } from '../../components/table.js';
import { rowsLabel } from '../../logs/log-request.js';
import { usageSummary } from '../info-line.js';
import { usageOf } from '../usage.js';
import { countParts, type ViewModule } from '../view-module.js';
import { CONTAINER_BINDINGS } from './bindings.js';
import { containerColumns } from './columns.js';
import { presentContainers } from './present.js';

export const containersView: ViewModule = {
  name: 'containers',
  bindings: CONTAINER_BINDINGS,
  frame({ snapshot, filter, state, width, theme }) {
    const { scope, sort } = state;
    const rows = presentContainers({
      containers: snapshot.containers,
      usage: snapshot.usage,
      events: snapshot.events,
      scope,
      filter,
      sort,
      ignoresStopSignal: snapshot.ignoresStopSignal,
    });
    const byKey = (): Map<string, Container> =>
      new Map(snapshot.containers.map((c): [string, Container] => [containerKey(c), c]));
    return {
      rowKeys: rows.map((r) => r.key),
      title: (total) => {
        const parts: string[] = [];
        if (scope.host) parts.push(`host=${scope.host}`);
        if (scope.role) parts.push(`role=${scope.role}`);
        if (scope.state) parts.push(`state=${scope.state}`);
        parts.push(...countParts(state.filters.containers, total, snapshot.containers.length));
        if (sort) parts.push(`sort ${sort.column}${sort.descending ? '↓' : '↑'}`);
        return parts;
      },
      body: (selected, offset, height) =>
        tableLines({
          columns: containerColumns(sort),
          rows,
          selected,
          offset,
          height,
          width,
          theme,
          empty:
            scope.state && !CONTAINER_STATES.includes(scope.state)
              ? `unknown state "${scope.state}"`
              : 'no containers match',
        }),
      selection: (i) => {
        const row = rows[i];
        return row ? { kind: 'container', host: row.host, id: row.id, name: row.name } : undefined;
      },
      logs: (i, ofRows) => {
        const all = byKey();
        return ofRows
          ? {
              kind: 'rows',
              label: rowsLabel(scope, state.filters.containers),
              containers: rows.flatMap((r) => all.get(r.key) ?? []),
            }
          : { kind: 'container', container: all.get(rows[i]?.key ?? '') };
      },
      info: (i) => {
        const row = rows[i];
        return row ? usageSummary(row.name, usageOf(snapshot, [row.key]), theme) : '';
      },
      visibleKeys: (_i, offset, height) => rows.slice(offset, offset + height).map((r) => r.key),
    };
  },
};
