import { tableLines } from '../../components/table.js';
import type { KeyBinding } from '../../dashboard/binding.js';
import {
  actionBinding,
  COMMAND_BINDING,
  FILTER_BINDING,
  LOGS_BINDING,
} from '../../dashboard/common-bindings.js';
import { goStep, withCursor } from '../../dashboard/nav.js';
import { FIRST_CURSOR, stay } from '../../dashboard/state.js';
import { usageSummary } from '../info-line.js';
import { usageOf } from '../usage.js';
import { countParts, type ViewModule } from '../view-module.js';
import { ROLE_COLUMNS } from './columns.js';
import { presentRoles } from './present.js';

const BINDINGS: readonly KeyBinding[] = [
  {
    id: 'open',
    keys: ['enter'],
    description: 'Open: host/role → its containers, container → details',
    mutating: false,
    run: (s, c) =>
      c.frame.selection?.kind === 'role'
        ? goStep(
            withCursor({ ...s, scope: { role: c.frame.selection.role } }, 'containers', FIRST_CURSOR),
            'containers',
            true,
          )
        : stay(s),
  },
  FILTER_BINDING,
  COMMAND_BINDING,
  actionBinding(
    'action.restartRole',
    'r',
    'Rolling restart of the role (one replica at a time per host)',
    'restart',
  ),
  actionBinding('action.redeploy', 'R', 'Redeploy the role to a new image (rolling)', 'redeploy'),
  LOGS_BINDING,
];

export const rolesView: ViewModule = {
  name: 'roles',
  bindings: BINDINGS,
  frame({ snapshot, filter, state, width, theme }) {
    const rows = presentRoles(snapshot.containers, filter, snapshot.ignoresStopSignal);
    // The replicas of the selected role: their usage is summed in the info line, so they are sampled.
    const keysOf = (i: number): string[] => {
      const role = rows[i]?.role;
      return role === undefined
        ? []
        : snapshot.containers.filter((c) => c.role === role).map((c) => `${c.host}/${c.id}`);
    };
    return {
      rowKeys: rows.map((r) => r.key),
      title: (total) => countParts(state.filters.roles, total),
      body: (selected, offset, height) =>
        tableLines({
          columns: ROLE_COLUMNS,
          rows,
          selected,
          offset,
          height,
          width,
          theme,
          empty: 'no roles (no containers yet)',
        }),
      selection: (i) => (rows[i] ? { kind: 'role', role: rows[i].role } : undefined),
      logs: (i) => ({ kind: 'role', role: rows[i]?.role }),
      info: (i) => {
        const row = rows[i];
        if (!row) return '';
        const keys = keysOf(i);
        return usageSummary(`${row.role} (${keys.length})`, usageOf(snapshot, keys), theme);
      },
      visibleKeys: keysOf,
    };
  },
};
