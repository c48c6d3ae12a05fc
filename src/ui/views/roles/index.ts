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
import { staleMarks } from '../../presenters/stale.js';
import { usageSummary } from '../info-line.js';
import { usageOf } from '../usage.js';
import { countParts, type ViewModule } from '../view-module.js';
import { ROLE_COLUMNS } from './columns.js';
import { markStaleRoles, presentRoles, type RoleRow } from './present.js';
import { serviceRoles, serviceTaskRoles, type ServiceRoleRow } from './service-roles.js';
import { OPEN_TASKS, SERVICE_ACTIONS } from '../services/bindings.js';
import { serviceLogRef } from '../../../fleet/swarm/service-log-ref.js';
import { swarmsOf } from '../../presenters/swarm.js';

const isService = (r: RoleRow | undefined): r is ServiceRoleRow => r !== undefined && 'service' in r;

const BINDINGS: readonly KeyBinding[] = [
  {
    id: 'open',
    keys: ['enter'],
    description: 'Open: role → its containers, service → its tasks',
    mutating: false,
    run: (s, c) =>
      c.frame.selection?.kind === 'service'
        ? (OPEN_TASKS.run?.(s, c) ?? stay(s))
        : c.frame.selection?.kind === 'role'
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
  ...SERVICE_ACTIONS,
  LOGS_BINDING,
];

export const rolesView: ViewModule = {
  name: 'roles',
  bindings: BINDINGS,
  frame({ snapshot, filter, state, width, theme, now }) {
    const swarms = swarmsOf(snapshot);
    const services = serviceRoles(swarms, now, filter);
    const taskRoles = serviceTaskRoles(snapshot.containers, new Set(services.map((r) => r.role)));
    const rows: RoleRow[] = [
      ...markStaleRoles(
        presentRoles(snapshot.containers, filter, snapshot.ignoresStopSignal),
        snapshot.containers,
        staleMarks(snapshot.hosts, now),
      ).filter((r) => !taskRoles.has(r.role)),
      ...services,
    ];
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
      selection: (i) => {
        const r = rows[i];
        if (isService(r)) return { kind: 'service', ...r.service, service: r.service.name };
        return r ? { kind: 'role', role: r.role } : undefined;
      },
      logs: (i) => {
        const r = rows[i];
        if (!isService(r)) return { kind: 'role', role: r?.role };
        const state = swarms.find((v) => v.name === r.service.swarm)?.state;
        return {
          kind: 'service',
          service: state ? serviceLogRef(state, r.service.id, r.service.name) : undefined,
        };
      },
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
