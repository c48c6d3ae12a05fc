import type { FleetSnapshot } from '../../fleet/snapshot.js';
import { presentRoles } from '../views/roles/present.js';
import { storageAlerts } from '../views/storage/present.js';
import { collectAlerts, type AlertItem, type ExternalAlert } from './alerts.js';

/**
 * The alerts of one snapshot, for every screen that shows them (the wallboard's strip, the
 * dashboard's alert line): the store's hosts, roles, containers, events and storage findings,
 * plus any from outside the store.
 */
export function fleetAlerts(
  snapshot: FleetSnapshot,
  now: number,
  external: readonly ExternalAlert[] = [],
): AlertItem[] {
  return collectAlerts({
    hosts: snapshot.hosts,
    containers: snapshot.containers,
    events: snapshot.events,
    roles: presentRoles(snapshot.containers, undefined, snapshot.ignoresStopSignal),
    external: [...external, ...storageAlerts(snapshot.storage)],
    now,
  });
}
