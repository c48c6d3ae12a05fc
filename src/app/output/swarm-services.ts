import type { SwarmTaskInfo } from '../../domain/swarm.js';
import type { SwarmServiceRow } from '../../fleet/swarm/swarm-rows.js';
import { formatDuration } from '../../domain/format/index.js';
import { renderModeTable, type ColumnSpec, type TableOptions } from './table.js';

const iso = (ms: number | undefined): string | null =>
  ms === undefined || ms <= 0 ? null : new Date(ms).toISOString();

/** Stable machine output of `fleetdeck services --json`. */
export function servicesJson(rows: readonly SwarmServiceRow[]) {
  return rows.map((r) => ({
    swarm: r.swarm,
    id: r.service.id,
    name: r.service.name,
    mode: r.service.mode,
    image: r.service.image,
    replicas: { desired: r.desired, running: r.running },
    perNode: r.perNode.map((n) => ({
      nodeId: n.nodeId,
      hostname: n.hostname,
      desired: n.desired,
      running: n.running,
    })),
    updateStatus: r.updateStatus
      ? {
          state: r.updateStatus.state,
          message: r.updateStatus.message,
          startedAt: iso(r.updateStatus.startedAt),
          completedAt: iso(r.updateStatus.completedAt),
        }
      : null,
    images: r.images,
    drift: r.drift,
    canRollback: r.service.hasPreviousSpec,
    lastErrors: r.lastErrors.map((e) => ({
      taskId: e.taskId,
      hostname: e.hostname,
      error: e.error,
      at: iso(e.at),
    })),
  }));
}

const SERVICE_COLUMNS: readonly ColumnSpec[] = [
  { header: 'SWARM', max: 16, wideMax: 32 },
  { header: 'SERVICE', max: 32, wideMax: 64 },
  { header: 'ID', max: 12, wideMax: 25, wideOnly: true },
  { header: 'MODE', max: 10, wideMax: 10 },
  { header: 'REPLICAS', max: 9, wideMax: 9 },
  { header: 'IMAGE', max: 40, wideMax: 96 },
  { header: 'UPDATE', max: 20, wideMax: 80 },
  { header: 'DRIFT', max: 40, wideMax: 120 },
  { header: 'PER NODE', max: 60, wideMax: 300, wideOnly: true },
  { header: 'LAST ERROR', max: 80, wideMax: 300 },
];

export function servicesTable(
  rows: readonly SwarmServiceRow[],
  now: number,
  opts: TableOptions & { wide?: boolean } = {},
): string {
  const wide = Boolean(opts.wide);
  const cells = rows.map((r) => {
    const last = r.lastErrors[0];
    const update = r.updateStatus;
    return [
      r.swarm,
      r.service.name,
      wide ? r.service.id : r.service.id.slice(0, 12),
      r.service.mode,
      `${r.running}/${r.desired}`,
      r.service.image,
      update ? (wide && update.message ? `${update.state}: ${update.message}` : update.state) : '-',
      r.drift ? r.images.join(' ') : '-',
      r.perNode.map((n) => `${n.hostname} ${n.running}/${n.desired}`).join(', ') || '-',
      last ? `${formatDuration(now - last.at)} ago on ${last.hostname}: ${last.error}` : '-',
    ];
  });
  return renderModeTable(wide, SERVICE_COLUMNS, cells, opts);
}

type TaskRow = SwarmTaskInfo & { hostname: string };

/** `web.3` for a replicated task, `web.<node id>` for a global one (as `docker service ps`). */
export function taskName(service: string, t: SwarmTaskInfo): string {
  return `${service}.${t.slot !== undefined && t.slot > 0 ? t.slot : t.nodeId.slice(0, 12)}`;
}

export function tasksJson(service: string, swarm: string, tasks: readonly TaskRow[]) {
  return tasks.map((t) => ({
    swarm,
    service,
    name: taskName(service, t),
    id: t.id,
    slot: t.slot ?? null,
    nodeId: t.nodeId,
    hostname: t.hostname,
    image: t.image,
    desiredState: t.desiredState,
    state: t.state,
    message: t.message,
    error: t.error ?? null,
    since: iso(t.since),
  }));
}

const TASK_COLUMNS: readonly ColumnSpec[] = [
  { header: 'TASK', max: 40, wideMax: 80 },
  { header: 'ID', max: 12, wideMax: 25 },
  { header: 'NODE', max: 32, wideMax: 64 },
  { header: 'DESIRED', max: 10, wideMax: 10 },
  { header: 'STATE', max: 20, wideMax: 20 },
  { header: 'IMAGE', max: 40, wideMax: 96 },
  { header: 'MESSAGE', max: 40, wideMax: 120, wideOnly: true },
  { header: 'ERROR', max: 80, wideMax: 300 },
];

export function tasksTable(
  service: string,
  tasks: readonly TaskRow[],
  now: number,
  opts: TableOptions & { wide?: boolean } = {},
): string {
  const wide = Boolean(opts.wide);
  const cells = tasks.map((t) => [
    taskName(service, t),
    wide ? t.id : t.id.slice(0, 12),
    t.hostname || '-',
    t.desiredState,
    t.since > 0 ? `${t.state} ${formatDuration(now - t.since)}` : t.state,
    t.image,
    t.message,
    t.error ?? '-',
  ]);
  return renderModeTable(wide, TASK_COLUMNS, cells, opts);
}
