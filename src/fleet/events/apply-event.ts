import type { Container, HealthState } from '../../domain/container.js';
import { roleOf } from '../../domain/role.js';
import { actionWord, type ContainerEvent } from './container-event.js';
import { exitedStatus, humanDuration, pausedStatus, runningStatus, upDuration } from './docker-status.js';
import { DESTROYED_KEPT, type Aspect, type HostContainers, type Mark } from './host-containers.js';

/*
 * Applies one Docker event to a host's container list, without asking the daemon: state, status
 * text as dockerd would list it, health, name, exit code. When the event cannot be applied from
 * what it carries (a `create` needs the image ID, command and ports the list has and the event has
 * not), the answer is "re-list". Pure: the caller holds the state and passes the clock in.
 */

export interface ApplyOptions {
  /** Epoch ms now, for "Up 3 seconds" / "Exited (0) 2 minutes ago"; default the event's own time. */
  now?: number;
  /** The label naming a container's role (a rename may change a role taken from the name). */
  roleLabel?: string;
}

export type IgnoreReason =
  /** health-check exec_*, attach, resize… (the daemon-side filter keeps most of them away) */
  | 'noise'
  /** kill, oom, update, a restart of a running container: nothing the list shows changes */
  | 'no-change'
  /** the same event again (a `since` replay after a reconnect) */
  | 'duplicate'
  /** older than what was already applied to that container (events out of order) */
  | 'stale'
  /** about a container already destroyed */
  | 'destroyed'
  /** volume, network, plugin… events: not part of the container list */
  | 'not-shown';

export type RelistReason =
  /** a new container: its list entry needs ImageID, Command, Ports, Created */
  | 'create'
  /** a state change of a container the list does not have */
  | 'unknown-container'
  /** a tag moved or an image went: the list's Image column may now show an ID */
  | 'image'
  /** the daemon reloaded its configuration: re-read info and the list */
  | 'daemon-reload'
  /** an action this applier does not know (a newer daemon) */
  | 'unknown-action'
  /** the event lacks what it should carry (a die without exitCode, a stop without its die) */
  | 'incomplete';

export type ApplyResult =
  /** The list changed: show `state.containers`. */
  | { kind: 'applied'; state: HostContainers }
  /** The list did not change; `state` may still have learnt something (a destroyed id). */
  | { kind: 'ignored'; reason: IgnoreReason; state: HostContainers }
  /** Re-read the host's list (and, for daemon-reload, its info); keep `state` meanwhile. */
  | { kind: 'relist'; reason: RelistReason; detail: string; state: HostContainers };

const NOISE = new Set([
  'exec_create',
  'exec_start',
  'exec_die',
  'exec_detach',
  'attach',
  'detach',
  'resize',
  'top',
  'export',
  'copy',
  'archive-path',
  'extract-to-dir',
  'commit',
]);
const NO_CHANGE = new Set(['kill', 'oom', 'update']);
const IMAGE_RELIST = new Set(['pull', 'load', 'import', 'tag', 'untag', 'delete', 'prune']);
const HEALTH: readonly HealthState[] = ['healthy', 'unhealthy', 'starting'];

type Verdict = 'apply' | 'duplicate' | 'stale';

function verdict(mark: Mark | undefined, e: ContainerEvent): Verdict {
  if (!mark || e.timeNano > mark.timeNano) return 'apply';
  if (e.timeNano < mark.timeNano) return 'stale';
  return mark.actions.includes(e.action) ? 'duplicate' : 'apply';
}

function marked(mark: Mark | undefined, e: ContainerEvent): Mark {
  return mark && mark.timeNano === e.timeNano
    ? { timeNano: e.timeNano, actions: [...mark.actions, e.action] }
    : { timeNano: e.timeNano, actions: [e.action] };
}

/** One container's new fields, and the aspects (besides the event's own) they touch. */
interface Change {
  patch: Partial<Container>;
  /** Health changes only where no newer health event was applied. */
  health?: HealthState;
  /** The exit code goes when a container starts again. */
  dropExitCode?: boolean;
}

export function applyEvent(state: HostContainers, e: ContainerEvent, opts: ApplyOptions = {}): ApplyResult {
  const word = actionWord(e.action);
  const ignored = (reason: IgnoreReason, s = state): ApplyResult => ({ kind: 'ignored', reason, state: s });
  const relist = (reason: RelistReason, detail: string): ApplyResult => ({
    kind: 'relist',
    reason,
    detail,
    state,
  });
  const name = e.attributes['name'] ?? e.actorId.slice(0, 12);

  if (e.type === 'image')
    return IMAGE_RELIST.has(word) ? relist('image', `image ${word} ${name}`) : ignored('not-shown');
  if (e.type === 'daemon')
    return word === 'reload' ? relist('daemon-reload', 'daemon reload') : ignored('not-shown');
  if (e.type !== 'container') return ignored('not-shown');
  if (NOISE.has(word)) return ignored('noise');
  if (state.destroyed.has(e.actorId)) return ignored('destroyed');
  if (NO_CHANGE.has(word)) return ignored('no-change');

  const index = state.containers.findIndex((c) => c.id === e.actorId);
  const current = state.containers[index];
  if (word === 'destroy') return destroy(state, e, index);
  if (word === 'create') return current ? ignored('no-change') : relist('create', `new container ${name}`);
  if (!current) return relist('unknown-container', `${e.action} of ${name}, which the list does not have`);

  const aspect: Aspect = word === 'rename' ? 'name' : word === 'health_status' ? 'health' : 'state';
  const marks = state.marks.get(current.id) ?? {};
  const v = verdict(marks[aspect], e);
  if (v !== 'apply') return ignored(v);

  const change = changeFor(current, word, e, state, opts);
  if (change === 'no-change') return ignored('no-change');
  if ('relist' in change) return relist(change.relist, change.detail);

  const nextMarks = { ...marks, [aspect]: marked(marks[aspect], e) };
  const next: Container = { ...current, ...change.patch };
  if (change.dropExitCode) delete next.exitCode;
  if (change.health !== undefined) {
    if (verdict(marks.health, e) === 'apply') {
      next.health = change.health;
      if (aspect !== 'health') nextMarks.health = marked(marks.health, e);
    } else if (next.state === 'running') {
      // A newer health event was applied first: keep its health, and say it in the status.
      next.status = runningStatus(upDuration(next.status) ?? 'Less than a second', next.health);
    }
  }
  const containers = state.containers.map((c, i) => (i === index ? next : c));
  const healthChecked =
    aspect === 'health' && !state.healthChecked.has(current.id)
      ? new Set(state.healthChecked).add(current.id)
      : state.healthChecked;
  const newMarks = new Map(state.marks).set(current.id, nextMarks);
  return { kind: 'applied', state: { ...state, containers, marks: newMarks, healthChecked } };
}

/** What `word` does to container `c`: a change, nothing, or why it cannot be applied. */
function changeFor(
  c: Container,
  word: string,
  e: ContainerEvent,
  state: HostContainers,
  opts: ApplyOptions,
): Change | 'no-change' | { relist: RelistReason; detail: string } {
  const incomplete = (detail: string) => ({ relist: 'incomplete' as const, detail });
  const since = humanDuration(Math.max(0, (opts.now ?? e.time) - e.time));
  const up = upDuration(c.status) ?? since;
  switch (word) {
    case 'restart':
    case 'start': {
      // dockerd sends restart after the start it caused; only a missed start is left to do.
      if (word === 'restart' && c.state === 'running') return 'no-change';
      const health: HealthState = state.healthChecked.has(c.id) ? 'starting' : 'none';
      return {
        patch: { state: 'running', status: runningStatus(since, health) },
        health,
        dropExitCode: true,
      };
    }
    case 'die': {
      const code = Number(e.attributes['exitCode']);
      if (e.attributes['exitCode'] === undefined || !Number.isInteger(code))
        return incomplete(`die of ${c.name} without an exit code`);
      return {
        patch: { state: 'exited', status: exitedStatus(code, since), exitCode: code },
        health: 'none',
      };
    }
    case 'stop':
      // dockerd sends die (with the exit code) before stop; a stop alone means the die went missing.
      return c.state === 'exited' || c.state === 'dead' || c.state === 'created'
        ? 'no-change'
        : incomplete(`stop of ${c.name} without its die`);
    case 'pause':
      return { patch: { state: 'paused', status: pausedStatus(up) } };
    case 'unpause':
      return { patch: { state: 'running', status: runningStatus(up, c.health) } };
    case 'health_status': {
      const value = e.action.slice(e.action.indexOf(':') + 1).trim() as HealthState;
      if (!HEALTH.includes(value)) return incomplete(`health_status of ${c.name} without a status`);
      if (c.state !== 'running') return 'no-change';
      return { patch: { health: value, status: runningStatus(up, value) } };
    }
    case 'rename': {
      const name = e.attributes['name']?.replace(/^\//, '');
      if (!name) return incomplete(`rename of ${c.name} without the new name`);
      return { patch: { name, role: roleOf(name, c.labels, opts.roleLabel) } };
    }
    default:
      return { relist: 'unknown-action', detail: `${word} of ${c.name}: not an action fleetdeck knows` };
  }
}

function destroy(state: HostContainers, e: ContainerEvent, index: number): ApplyResult {
  const destroyed = new Map(state.destroyed).set(e.actorId, e.timeNano);
  // Only the newest are kept: a replay after a reconnect reaches back minutes, not days.
  while (destroyed.size > DESTROYED_KEPT) destroyed.delete(destroyed.keys().next().value as string);
  const marks = new Map(state.marks);
  marks.delete(e.actorId);
  const next = { ...state, destroyed, marks };
  if (index < 0) return { kind: 'ignored', reason: 'no-change', state: next };
  return { kind: 'applied', state: { ...next, containers: state.containers.filter((_, i) => i !== index) } };
}

/**
 * Several events at once (a `since` replay after a reconnect, a burst), in dockerd's order
 * (timeNano). Returns the final state, whether the list changed, and every reason to re-list.
 */
export function applyEvents(
  state: HostContainers,
  events: readonly ContainerEvent[],
  opts: ApplyOptions = {},
): { state: HostContainers; changed: boolean; relist: Array<{ reason: RelistReason; detail: string }> } {
  const ordered = [...events].sort((a, b) =>
    a.timeNano < b.timeNano ? -1 : a.timeNano > b.timeNano ? 1 : 0,
  );
  let s = state;
  let changed = false;
  const relist: Array<{ reason: RelistReason; detail: string }> = [];
  for (const e of ordered) {
    const r = applyEvent(s, e, opts);
    s = r.state;
    if (r.kind === 'applied') changed = true;
    if (r.kind === 'relist') relist.push({ reason: r.reason, detail: r.detail });
  }
  return { state: s, changed, relist };
}
