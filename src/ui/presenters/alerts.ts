import type { Container } from '../../domain/container.js';
import { maskSecretShapes } from '../../domain/secrets/mask.js';
import type { FleetEvent } from '../../domain/event.js';
import type { HostStatus } from '../../domain/host.js';
import { presentRoles, type RoleRow } from '../views/roles/present.js';
import {
  containerAlerts,
  hostAlerts,
  roleAlerts,
  type AlertItem,
  type AlertSeverity,
} from './alert-sources.js';

export type { AlertItem, AlertKind, AlertSeverity } from './alert-sources.js';
export { RESTART_LOOP_DEATHS } from './alert-sources.js';

/** A finding from outside the store (e.g. storage health), shown in the wallboard's alerts strip. */
export interface ExternalAlert {
  severity: AlertSeverity;
  text: string;
  host?: string;
  /** `storage` for storage-driver findings; anything else is shown as it is. */
  kind?: 'storage';
}

export interface AlertInput {
  hosts: readonly HostStatus[];
  containers: readonly Container[];
  events: readonly FleetEvent[];
  external?: readonly ExternalAlert[] | undefined;
  /** The roles as presented (drift, counts); computed from `containers` when absent. */
  roles?: readonly RoleRow[] | undefined;
  now: number;
}

const SEVERITY_RANK: Readonly<Record<AlertSeverity, number>> = { crit: 0, warn: 1 };

/**
 * Most severe first; within a severity, the fleet-wide "N/M hosts unreachable" line on top (it
 * explains the rest), then the newest first (what just happened is the news on a wall), then
 * those whose start is unknown, in the order their sources gave them.
 */
export function orderAlerts(alerts: readonly AlertItem[]): AlertItem[] {
  return alerts
    .map((a, i) => ({ a, i }))
    .sort(
      (x, y) =>
        SEVERITY_RANK[x.a.severity] - SEVERITY_RANK[y.a.severity] ||
        Number(y.a.kind === 'hosts-down') - Number(x.a.kind === 'hosts-down') ||
        (y.a.since ?? Number.NEGATIVE_INFINITY) - (x.a.since ?? Number.NEGATIVE_INFINITY) ||
        x.i - y.i,
    )
    .map((x) => x.a);
}

/**
 * Everything an operator must look at, ordered by severity and age, secrets masked. All of them:
 * the screens show what fits and count the rest.
 */
export function collectAlerts({ hosts, containers, events, external, roles, now }: AlertInput): AlertItem[] {
  const alerts: AlertItem[] = [
    ...hostAlerts(hosts, now),
    ...roleAlerts(roles ?? presentRoles(containers)),
    ...containerAlerts(containers, events, now),
  ];
  (external ?? []).forEach((a, i) => {
    alerts.push({
      key: `ext/${i}`,
      severity: a.severity,
      kind: a.kind ?? 'external',
      text: a.host ? `${a.host}: ${a.text}` : a.text,
    });
  });
  // The wallboard is a shared screen: an error body or a finding may quote a credential.
  return orderAlerts(alerts).map((a) => ({ ...a, text: maskSecretShapes(a.text) }));
}
