import type { SwarmServiceInfo, SwarmState } from '../../../domain/swarm.js';
import { sanitizeLine } from '../../../domain/text/sanitize.js';
import { findService, serviceTasks } from '../../../fleet/swarm/swarm-rows.js';
import type { SwarmView } from '../../../fleet/swarm/swarm-view.js';
import type { ThemeToken } from '../../../theme/index.js';
import { formatDuration, shortImage } from '../../presenters/format.js';

export interface TaskRow {
  key: string;
  name: string;
  node: string;
  state: string;
  stateTone: ThemeToken;
  desired: string;
  image: string;
  age: string;
  /** The task's error, else its status message. */
  message: string;
}

export type FoundService =
  { ok: true; state: SwarmState; service: SwarmServiceInfo } | { ok: false; message: string };

/** `SWARM/NAME`, `NAME`, an id or a unique id prefix, in the swarms read. */
export function locateService(swarms: readonly SwarmView[], ref: string | undefined): FoundService {
  if (!ref) return { ok: false, message: 'no service chosen — :tasks SERVICE, or Enter on a service' };
  const slash = ref.indexOf('/');
  const [swarm, name] = slash > 0 ? [ref.slice(0, slash), ref.slice(slash + 1)] : [undefined, ref];
  const hits = swarms.flatMap((v) => {
    const service =
      v.state && (swarm === undefined || v.name === swarm) ? findService(v.state, name) : undefined;
    return v.state && service ? [{ state: v.state, service }] : [];
  });
  const [hit] = hits;
  if (hit && hits.length === 1) return { ok: true, ...hit };
  const safe = sanitizeLine(ref);
  return {
    ok: false,
    message:
      hits.length > 1
        ? `service "${safe}" is in swarms ${hits.map((h) => h.state.swarm).join(', ')} — :tasks SWARM/${safe}`
        : `no service "${safe}" in the swarms read (${
            swarms
              .filter((v) => v.state)
              .map((v) => v.name)
              .join(', ') || 'none yet'
          })`,
  };
}

function stateTone(state: string, desired: string): ThemeToken {
  if (state === 'running') return desired === 'running' ? 'status.up' : 'status.warn';
  if (state === 'failed' || state === 'rejected') return 'status.crit';
  if (desired === 'running') return 'status.connecting';
  return 'text.dim';
}

/** The service's tasks by slot, newest first within one; the ones the swarm keeps after they ended too. */
export function presentTasks(found: Extract<FoundService, { ok: true }>, now: number): TaskRow[] {
  const { state, service } = found;
  return serviceTasks(state, service.id).map((t) => ({
    key: t.id,
    name: sanitizeLine(`${service.name}.${t.slot ?? t.nodeId.slice(0, 12)}`),
    node: sanitizeLine(t.hostname || '-'),
    state: sanitizeLine(t.state),
    stateTone: stateTone(t.state, t.desiredState),
    desired: sanitizeLine(t.desiredState),
    image: sanitizeLine(shortImage(t.image)),
    age: formatDuration(now - t.since),
    message: sanitizeLine(t.error || t.message),
  }));
}
