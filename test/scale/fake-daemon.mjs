/*
 * One scale-fleet host's Docker daemon, in memory: its containers (built from the recorded ones),
 * the events it sends, a replay ring like dockerd's (the last 256 messages, for `since`), and its
 * subscribers. State changes come only from its own event ticker, so a re-list always agrees with
 * the events sent so far — as on a real daemon.
 *
 * The ticker sends one container event every `eventIntervalMs`, walking a cycle in which six of ten
 * are health-check noise (exec_create, exec_start, exec_die) and four change what a list shows
 * (die, health_status: unhealthy, start, health_status: healthy); die and start come with the
 * network disconnect/connect dockerd sends beside them.
 */
import { buildContainers, hexId, statusText } from './fixtures.mjs';
import { eventMatches } from './docker-filters.mjs';

const RING = 256;
const CYCLE = ['exec', 'exec', 'exec', 'die', 'unhealthy', 'exec', 'exec', 'exec', 'start', 'healthy'];
const EXEC_STEPS = ['exec_create', 'exec_start', 'exec_die'];

/** Event message templates from the recording, by "Type Action-word". */
function messageTemplates(/** @type {any} */ rec) {
  /** @type {Record<string, any>} */
  const out = {};
  for (const { message } of rec.events.unfiltered) {
    const key = `${message.Type} ${message.Action.split(':')[0]}`;
    out[key] ??= message;
  }
  return out;
}

export class FakeDaemon {
  /**
   * @param {any} rec loadRecording()
   * @param {{ index: number, name: string, rootDir: string, containers: number, eventIntervalMs: number, now?: () => number }} opts
   */
  constructor(rec, opts) {
    this.rec = rec;
    this.name = opts.name;
    this.index = opts.index;
    this.rootDir = opts.rootDir;
    this.now = opts.now ?? Date.now;
    this.eventIntervalMs = opts.eventIntervalMs;
    this.containers = buildContainers(rec, opts.name, opts.containers, this.now());
    this.byId = new Map(this.containers.map((c) => [c.id, c]));
    this.templates = messageTemplates(rec);
    /** @type {Array<{ timeNano: bigint, message: any, json: string }>} */
    this.ring = [];
    /** @type {Set<{ filters: Map<string, Set<string>>, send: (json: string) => void }>} */
    this.subscribers = new Set();
    this.lastNano = 0n;
    this.step = 0;
    this.execCount = 0;
    this.sent = 0;
    /** @type {NodeJS.Timeout | undefined} */
    this.timer = undefined;
    this.healthChecked = this.containers.filter((c) => c.health);
    this.plain = this.containers.filter((c) => !c.health && c.state === 'running');
    /** The container the cycle stopped last (started again later in the cycle). */
    this.stopped = undefined;
    this.unhealthy = undefined;
  }

  /** Starts the ticker at a phase of its own so that the fleet's events spread evenly over time. */
  start(/** @type {number} */ phaseMs) {
    if (this.eventIntervalMs <= 0) return;
    const tick = () => this.tick();
    this.timer = setTimeout(() => {
      tick();
      this.timer = setInterval(tick, this.eventIntervalMs);
      this.timer.unref?.();
    }, phaseMs % this.eventIntervalMs);
    this.timer.unref?.();
  }

  stop() {
    clearTimeout(this.timer);
    clearInterval(this.timer);
    this.timer = undefined;
  }

  tick() {
    const kind = CYCLE[this.step++ % CYCLE.length];
    const now = this.now();
    if (kind === 'exec') {
      const probe = Math.floor(this.execCount / 3);
      const c = this.healthChecked[probe % Math.max(1, this.healthChecked.length)];
      const action = EXEC_STEPS[this.execCount++ % 3];
      if (!c) return;
      const execID = hexId(`${c.id}/exec/${probe}`);
      const label = action === 'exec_die' ? action : `${action}: /bin/sh -c test -f /tmp/ok`;
      this.emit('container', label, c, { execID, ...(action === 'exec_die' ? { exitCode: '0' } : {}) });
    } else if (kind === 'die') {
      const c = this.plain.find((p) => p.state === 'running' && p !== this.stopped);
      if (!c) return;
      c.state = 'exited';
      c.exitCode = this.step % 20 === 4 ? 137 : 1;
      c.finishedAt = now;
      this.changed(c);
      this.stopped = c;
      this.emit('container', 'die', c, { exitCode: String(c.exitCode) });
      this.emitNetwork('disconnect', c);
    } else if (kind === 'start') {
      const c = this.stopped;
      if (!c) return;
      c.state = 'running';
      c.startedAt = now;
      this.changed(c);
      this.stopped = undefined;
      // The next die takes another container: rotate the plain ones.
      this.plain.push(...this.plain.splice(0, 1));
      this.emitNetwork('connect', c);
      this.emit('container', 'start', c, {});
    } else {
      const c =
        kind === 'unhealthy'
          ? this.healthChecked[this.step % Math.max(1, this.healthChecked.length)]
          : this.unhealthy;
      if (!c || c.state !== 'running') return;
      c.health = kind;
      this.changed(c);
      this.unhealthy = kind === 'unhealthy' ? c : undefined;
      this.emit('container', `health_status: ${kind}`, c, {});
    }
  }

  changed(/** @type {import('./fixtures.mjs').FakeContainer} */ c) {
    c.inspectJson = undefined;
  }

  /** A nanosecond time after the last one sent (dockerd's are unique in practice). */
  nextNano() {
    let t = BigInt(this.now()) * 1_000_000n;
    if (t <= this.lastNano) t = this.lastNano + 1n;
    this.lastNano = t;
    return t;
  }

  /** @param {string} type @param {string} action @param {any} c @param {Record<string, string>} extra */
  emit(type, action, c, extra) {
    const template = this.templates[`${type} ${action.split(':')[0]}`];
    const image = c.image;
    const attributes = { ...extra, image, ...c.labels, name: c.name };
    const message =
      template?.status !== undefined
        ? {
            status: action,
            id: c.id,
            from: image,
            Type: type,
            Action: action,
            Actor: { ID: c.id, Attributes: attributes },
            scope: 'local',
          }
        : { Type: type, Action: action, Actor: { ID: c.id, Attributes: attributes }, scope: 'local' };
    this.publish(message);
  }

  emitNetwork(/** @type {string} */ action, /** @type {any} */ c) {
    const net = this.templates[`network ${action}`];
    if (!net) return;
    this.publish({
      Type: 'network',
      Action: action,
      Actor: { ID: net.Actor.ID, Attributes: { container: c.id, name: 'none', type: 'null' } },
      scope: 'local',
    });
  }

  publish(/** @type {any} */ message) {
    const timeNano = this.nextNano();
    message.time = Number(timeNano / 1_000_000_000n);
    // JSON.stringify cannot write a bigint: dockerd's exact digits go in by hand.
    const json = `${JSON.stringify(message).slice(0, -1)},"timeNano":${timeNano}}`;
    this.ring.push({ timeNano, message, json });
    if (this.ring.length > RING) this.ring.shift();
    this.sent++;
    for (const s of this.subscribers) if (eventMatches(s.filters, message)) s.send(json);
  }

  /**
   * Replays what the ring holds from `sinceNano` on, then keeps sending until `close()`.
   * @param {{ filters: Map<string, Set<string>>, sinceNano?: bigint, untilNano?: bigint, send: (json: string) => void }} sub
   */
  subscribe(sub) {
    if (sub.sinceNano !== undefined) {
      for (const e of this.ring) {
        if (e.timeNano < sub.sinceNano) continue;
        if (sub.untilNano !== undefined && e.timeNano > sub.untilNano) break;
        if (eventMatches(sub.filters, e.message)) sub.send(e.json);
      }
    }
    this.subscribers.add(sub);
    return () => this.subscribers.delete(sub);
  }

  /** The list entry dockerd would send for `c` now. @param {any} c */
  listEntry(c, now = this.now()) {
    const t = this.rec.list.find((/** @type {any} */ l) => l.Names[0] === `/${c.template}`);
    return {
      ...t,
      Id: c.id,
      Names: [`/${c.name}`],
      Created: c.created,
      Labels: c.labels,
      State: c.state,
      Status: statusText(c, now),
    };
  }

  healthOf(/** @type {any} */ c) {
    return c.health ?? 'none';
  }
}
