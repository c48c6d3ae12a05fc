import { sanitizeLine } from '../../../domain/text/sanitize.js';
import { serviceRows, type SwarmServiceRow } from '../../../fleet/swarm/swarm-rows.js';
import type { SwarmView } from '../../../fleet/swarm/swarm-view.js';
import type { ThemeToken } from '../../../theme/index.js';
import type { CompiledFilter } from '../../presenters/filter.js';
import { formatDuration, shortImage } from '../../presenters/format.js';

export interface ServiceRow {
  key: string;
  swarm: string;
  id: string;
  name: string;
  mode: string;
  running: number;
  desired: number;
  replicas?: number | undefined;
  tone: ThemeToken;
  image: string;
  /** `updating`, `rollback_completed`…, or `-`. */
  update: string;
  updateTone: ThemeToken;
  /** `2 images: a:1, a:2` when the running tasks differ. */
  drift: string;
  /** `n0 2/2, n1 1/2`. */
  perNode: string;
  /** The newest task error: `task: non-zero exit (1) · n1 · 2m ago`. */
  lastError: string;
}

function tone(r: SwarmServiceRow): ThemeToken {
  if (r.desired > 0 && r.running === 0) return 'status.crit';
  if (r.running < r.desired || r.drift) return 'status.warn';
  return 'status.healthy';
}

function updateTone(state: string | undefined): ThemeToken {
  if (!state || state === 'completed') return 'text.primary';
  if (state.startsWith('rollback') || state === 'paused') return 'status.warn';
  return 'status.connecting';
}

/** One row per service of every swarm read, a swarm's services together (file order), by name. */
export function presentServiceRow(r: SwarmServiceRow, now: number): ServiceRow {
  const err = r.lastErrors[0];
  const update = r.updateStatus?.state;
  return {
    key: `${r.swarm}/${r.service.id}`,
    swarm: r.swarm,
    id: r.service.id,
    name: sanitizeLine(r.service.name),
    mode: r.service.mode,
    running: r.running,
    desired: r.desired,
    replicas: r.service.replicas,
    tone: tone(r),
    image: sanitizeLine(shortImage(r.service.image)),
    update: update ? sanitizeLine(update) : '-',
    updateTone: updateTone(update),
    drift: r.drift ? sanitizeLine(`${r.images.length} images: ${r.images.map(shortImage).join(', ')}`) : '',
    perNode: sanitizeLine(r.perNode.map((n) => `${n.hostname} ${n.running}/${n.desired}`).join(', ')),
    lastError: err
      ? sanitizeLine(`${err.error} · ${err.hostname} · ${formatDuration(now - err.at)} ago`)
      : '',
  };
}

export function presentServices(
  swarms: readonly SwarmView[],
  now: number,
  filter?: CompiledFilter,
): ServiceRow[] {
  const rows = swarms.flatMap((v) =>
    v.state
      ? serviceRows(v.state)
          .sort((a, b) => a.service.name.localeCompare(b.service.name))
          .map((r) => presentServiceRow(r, now))
      : [],
  );
  if (!filter) return rows;
  return rows.filter((r) =>
    filter.test(`${r.swarm} ${r.name} ${r.image} ${r.update} ${r.perNode} ${r.lastError}`),
  );
}
