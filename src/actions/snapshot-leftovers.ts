import type { HostMutations } from '../docker/mutations/index.js';
import { SNAPSHOT_LABEL } from './planners/snapshot-plan.js';

/** The helper containers snapshot, verify and restore create; a finished run removes its own. */
const HELPER_PREFIXES = [
  'fleetdeck-snapshot-copy-',
  'fleetdeck-snapshot-helper-',
  'fleetdeck-restore-helper-',
  'fleetdeck-verify-helper-',
];

/** Something a killed snapshot (or rollback) left on a host, and how to remove it. */
export interface SnapshotLeftover {
  host: string;
  kind: 'helper' | 'base-image';
  name: string;
  remove: string;
}

/**
 * What interrupted snapshots left: helper containers (a run in progress elsewhere has them too,
 * so they are reported, never removed here) and `…-base` images (the commit of a snapshot whose
 * volumes were never added). Hosts that do not answer are skipped: listing them is not the point.
 */
export async function snapshotLeftovers(hosts: readonly HostMutations[]): Promise<SnapshotLeftover[]> {
  const per = await Promise.allSettled(
    hosts.map(async (m): Promise<SnapshotLeftover[]> => {
      const [containers, images] = await Promise.all([m.list(true), m.images(SNAPSHOT_LABEL)]);
      return [
        ...containers
          .filter((c) => HELPER_PREFIXES.some((p) => c.name.startsWith(p)))
          .map((c) => ({
            host: m.host,
            kind: 'helper' as const,
            name: c.name,
            remove: `docker rm -f ${c.name}`,
          })),
        ...images
          .flatMap((i) => i.tags.filter((t) => t.endsWith('-base')))
          .map((t) => ({ host: m.host, kind: 'base-image' as const, name: t, remove: `docker rmi ${t}` })),
      ];
    }),
  );
  return per.flatMap((r) => (r.status === 'fulfilled' ? r.value : []));
}
