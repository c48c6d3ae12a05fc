import type { Container } from '../../../domain/container.js';
import { serviceRows } from '../../../fleet/swarm/swarm-rows.js';
import type { SwarmView } from '../../../fleet/swarm/swarm-view.js';
import type { CompiledFilter } from '../../presenters/filter.js';
import { presentServiceRow } from '../services/present.js';
import type { RoleRow } from './present.js';

/** The label the daemon puts on every task container of a Swarm service. */
const SERVICE_NAME_LABEL = 'com.docker.swarm.service.name';

/** A role row that is a Swarm service (what the swarm's managers say of it). */
export type ServiceRoleRow = RoleRow & {
  service: { swarm: string; id: string; name: string; replicas?: number | undefined };
};

/**
 * Swarm services as roles: desired vs running per node, update status, drift, the last error.
 * Their task containers on `hosts:` entries are not roles of their own (they would be one per task).
 */
export function serviceRoles(
  swarms: readonly SwarmView[],
  now: number,
  filter?: CompiledFilter,
): ServiceRoleRow[] {
  return swarms.flatMap((v) =>
    (v.state ? serviceRows(v.state) : []).flatMap((r): ServiceRoleRow[] => {
      const p = presentServiceRow(r, now);
      const drift = [
        p.update !== '-' && p.update !== 'completed' ? `update ${p.update}` : '',
        p.drift,
        p.lastError,
      ]
        .filter(Boolean)
        .join('; ');
      const row: ServiceRoleRow = {
        key: `service:${p.key}`,
        role: p.name,
        running: p.running,
        total: p.desired,
        healthy: 0,
        unhealthy: 0,
        hosts: p.perNode ? p.perNode.split(', ') : [],
        images: [p.image],
        ...(drift ? { drift } : {}),
        ignoringStop: 0,
        tone: p.tone,
        service: { swarm: p.swarm, id: p.id, name: p.name, replicas: p.replicas },
      };
      const text = `${row.role} ${v.name} ${row.hosts.join(' ')} ${row.images.join(' ')} ${drift}`;
      return filter && !filter.test(text) ? [] : [row];
    }),
  );
}

/** Container roles made only of a read service's task containers: the service's row stands for them. */
export function serviceTaskRoles(
  containers: readonly Container[],
  services: ReadonlySet<string>,
): Set<string> {
  const byRole = new Map<string, boolean>();
  for (const c of containers) {
    const task = services.has(c.labels[SERVICE_NAME_LABEL] ?? '');
    byRole.set(c.role, (byRole.get(c.role) ?? true) && task);
  }
  return new Set([...byRole].filter(([, all]) => all).map(([role]) => role));
}
