import type { SwarmNodeRow } from '../../fleet/swarm/swarm-rows.js';
import { renderModeTable, type ColumnSpec, type TableOptions } from './table.js';

/** Stable machine output of `fleetdeck nodes --json`: one object per node, swarm by swarm. */
export function nodesJson(rows: readonly SwarmNodeRow[]) {
  return rows.map(({ swarm, node, host, desired, running }) => ({
    swarm,
    id: node.id,
    hostname: node.hostname,
    role: node.role,
    leader: node.leader,
    availability: node.availability,
    status: node.status,
    statusMessage: node.statusMessage ?? null,
    address: node.addr ?? null,
    engineVersion: node.engineVersion ?? null,
    labels: node.labels,
    managerReachability: node.reachability ?? null,
    tasks: { running, desired },
    // The hosts: entry that is this node (same machine, reached directly): shown once, as that host.
    host: host ?? null,
  }));
}

const NODE_COLUMNS: readonly ColumnSpec[] = [
  { header: 'SWARM', max: 16, wideMax: 32 },
  { header: 'NODE', max: 32, wideMax: 64 },
  { header: 'ID', max: 12, wideMax: 25, wideOnly: true },
  { header: 'ROLE', max: 8, wideMax: 8 },
  { header: 'AVAILABILITY', max: 12, wideMax: 12 },
  { header: 'STATUS', max: 24, wideMax: 64 },
  { header: 'ENGINE', max: 12, wideMax: 24 },
  { header: 'TASKS', max: 9, wideMax: 9 },
  { header: 'HOST', max: 24, wideMax: 48 },
  { header: 'ADDRESS', max: 24, wideMax: 48, wideOnly: true },
  { header: 'LABELS', max: 60, wideMax: 200, wideOnly: true },
];

export function nodesTable(
  rows: readonly SwarmNodeRow[],
  opts: TableOptions & { wide?: boolean } = {},
): string {
  const wide = Boolean(opts.wide);
  const cells = rows.map(({ swarm, node, host, desired, running }) => [
    swarm,
    node.hostname,
    wide ? node.id : node.id.slice(0, 12),
    node.leader ? 'leader' : node.role,
    node.availability,
    node.statusMessage && node.status !== 'ready' ? `${node.status} (${node.statusMessage})` : node.status,
    node.engineVersion ?? '-',
    `${running}/${desired}`,
    host ?? '-',
    node.addr ?? '-',
    Object.entries(node.labels)
      .map(([k, v]) => `${k}=${v}`)
      .join(',') || '-',
  ]);
  return renderModeTable(wide, NODE_COLUMNS, cells, opts);
}
