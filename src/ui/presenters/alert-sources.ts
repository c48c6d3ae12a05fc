import type { Container } from '../../domain/container.js';
import type { FleetEvent } from '../../domain/event.js';
import { detectAlerts, type AlertKind as EventAlertKind } from '../../domain/events/detectors.js';
import type { HostStatus } from '../../domain/host.js';
import { decodeExit } from '../../domain/signals.js';
import type { RoleRow } from '../views/roles/present.js';
import { formatDuration } from './format.js';
import { restartCounts, restartsOf } from './restarts.js';

/*
 * Where alerts come from, one function per source: hosts, roles, containers and their events.
 * Each says what is wrong in words an operator acts on; ordering and masking are alerts.ts's.
 */

export type AlertSeverity = 'warn' | 'crit';

export type AlertKind =
  | 'hosts-down'
  | 'host'
  | 'replicas'
  | 'drift'
  | 'exit'
  | 'restart-loop'
  | 'unhealthy'
  | 'health-flap'
  | 'oom'
  | 'storage'
  | 'external';

export interface AlertItem {
  key: string;
  severity: AlertSeverity;
  kind: AlertKind;
  text: string;
  /** Epoch ms since when it holds (or of the event that raised it); unknown for some states. */
  since?: number;
}

/** Deaths in the recent-events window from which a container counts as restart-looping. */
export const RESTART_LOOP_DEATHS = 3;

/** One line for the whole fleet when several hosts (or all) are gone, then one per host. */
export function hostAlerts(hosts: readonly HostStatus[], now: number): AlertItem[] {
  const alerts: AlertItem[] = [];
  const down = hosts.filter((h) => h.state === 'unreachable');
  if (down.length >= 2 || (down.length > 0 && down.length === hosts.length)) {
    alerts.push({
      key: 'hosts-down',
      severity: 'crit',
      kind: 'hosts-down',
      text: `${down.length}/${hosts.length} hosts unreachable`,
      since: Math.min(...down.map((h) => h.since)),
    });
  }
  for (const h of hosts) {
    if (h.state !== 'unreachable' && h.state !== 'degraded') continue;
    const why = h.problem ? `: ${h.problem.message}` : '';
    // Its tiles and rows still show its last answer: say how old that is.
    const stale = h.stale
      ? ` (showing its data from ${formatDuration(now - (h.lastSeenAt ?? h.since))} ago)`
      : '';
    alerts.push({
      key: `host/${h.name}`,
      severity: h.state === 'unreachable' ? 'crit' : 'warn',
      kind: 'host',
      text: `${h.name} ${h.state} for ${formatDuration(now - h.since)}${stale}${why}`,
      since: h.since,
    });
  }
  return alerts;
}

/** Roles with fewer replicas running than they have (none running: critical), and image drift. */
export function roleAlerts(roles: readonly RoleRow[]): AlertItem[] {
  const alerts: AlertItem[] = [];
  for (const r of roles) {
    if (r.running < r.total) {
      alerts.push({
        key: `replicas/${r.role}`,
        severity: r.running === 0 ? 'crit' : 'warn',
        kind: 'replicas',
        text: `role ${r.role}: ${r.running}/${r.total} replicas running`,
      });
    }
    if (r.drift) {
      alerts.push({
        key: `drift/${r.role}`,
        severity: 'warn',
        kind: 'drift',
        text: `role ${r.role}: ${r.drift}`,
      });
    }
  }
  return alerts;
}

const EVENT_KINDS: Readonly<Record<EventAlertKind, AlertKind>> = {
  'restart-loop': 'restart-loop',
  'health-flap': 'health-flap',
  'oom-kill': 'oom',
  'bad-exit': 'exit',
};

const UNIT_MS: Readonly<Record<string, number>> = {
  second: 1000,
  minute: 60_000,
  hour: 3_600_000,
  day: 86_400_000,
  week: 7 * 86_400_000,
  month: 30 * 86_400_000,
  year: 365 * 86_400_000,
};

/**
 * How long ago a container exited, from Docker's status text (`Exited (3) 5 minutes ago`, `… About
 * an hour ago`): the list gives no finish time, and this is enough to order alerts by age.
 */
export function exitedAgoMs(status: string): number | undefined {
  const m = /^Exited \(-?\d+\) (.+) ago$/i.exec(status.trim());
  const text = m?.[1]?.toLowerCase();
  if (!text) return undefined;
  if (text === 'less than a second') return 0;
  const about = /^about an? (\w+?)s?$/.exec(text);
  if (about?.[1]) return UNIT_MS[about[1]];
  const exact = /^(\d+) (\w+?)s?$/.exec(text);
  const unit = exact?.[2] ? UNIT_MS[exact[2]] : undefined;
  return unit === undefined ? undefined : Number(exact![1]) * unit;
}

function displayName(c: Pick<Container, 'host' | 'name'>): string {
  return `${c.host}/${c.name.replace(/^\//, '')}`;
}

/**
 * From the recent events (the detectors: restart loops, health flaps, OOM kills, non-zero exits)
 * and from each container's state (exited non-zero, restarting, unhealthy) — a container that
 * exited with 3 an hour ago, long before fleetdeck started, is an alert too. One per container
 * and kind: the newest event's, else the state's.
 */
export function containerAlerts(
  containers: readonly Container[],
  events: readonly FleetEvent[],
  now: number,
  memo?: WeakMap<Container, ContainerAlertEntry>,
): AlertItem[] {
  const byKey = new Map<string, AlertItem>();
  const add = (a: AlertItem): void => {
    if (!byKey.has(a.key)) byKey.set(a.key, a);
  };
  // Newest first: the first of a kind for a container is its latest.
  for (const d of detectAlerts(events, now)) {
    const kind = EVENT_KINDS[d.kind];
    add({
      key: `${kind}/${d.host}/${d.container}`,
      severity: d.severity,
      kind,
      text: `${d.message} · ${formatDuration(Math.max(0, now - d.time))} ago`,
      since: d.time,
    });
  }
  const deaths = restartCounts(events);
  for (const c of containers) {
    // Most of a large fleet is quiet: no memo entry for those (5,000 per render at 100 hosts).
    const died = restartsOf(deaths, c);
    if (!mayAlert(c, died)) continue;
    const known = memo?.get(c);
    const entry =
      known && known.died === died && known.now === now
        ? known
        : { died, now, items: ownAlerts(c, died, now) };
    if (entry !== known) memo?.set(c, entry);
    for (const a of entry.items) {
      // The detectors' event says it better (OOM after an `oom` event, its time): keep that one.
      if (a.kind === 'exit' && byKey.has(`oom/${a.key.slice('exit/'.length)}`)) continue;
      add(a);
    }
  }
  return [...byKey.values()];
}

/** A container's own alerts (restart loop, unhealthy, exit) as computed for one object, count and time. */
export interface ContainerAlertEntry {
  died: number;
  now: number;
  items: readonly AlertItem[];
}

/** The conditions of ownAlerts, one each; mayAlert asks them all without building a text. */
const restartLooping = (c: Container, died: number): boolean =>
  c.state === 'restarting' || died >= RESTART_LOOP_DEATHS;
const exitedBadly = (c: Container): boolean =>
  (c.state === 'exited' || c.state === 'dead') && c.exitCode !== undefined && c.exitCode !== 0;
const mayAlert = (c: Container, died: number): boolean =>
  restartLooping(c, died) || c.health === 'unhealthy' || exitedBadly(c);

/** What the container's state says (restarting or dying, unhealthy, exited non-zero). */
function ownAlerts(c: Container, died: number, now: number): AlertItem[] {
  const items: AlertItem[] = [];
  const name = displayName(c);
  const id = `${c.host}/${c.name.replace(/^\//, '')}`;
  if (restartLooping(c, died)) {
    items.push({
      key: `restart-loop/${id}`,
      severity: 'crit',
      kind: 'restart-loop',
      text: `${name}: restart-looping (${died} exits recently)`,
    });
  }
  if (c.health === 'unhealthy') {
    items.push({ key: `unhealthy/${id}`, severity: 'crit', kind: 'unhealthy', text: `${name}: unhealthy` });
  }
  if (exitedBadly(c) && c.exitCode !== undefined) {
    const exit = decodeExit(c.exitCode);
    const ago = exitedAgoMs(c.status);
    items.push({
      key: `exit/${id}`,
      severity: exit.kind === 'signal' ? 'warn' : 'crit',
      kind: 'exit',
      text: `${name}: ${exit.message}${exit.code === 137 ? ' — a kill, a stop timeout or OOM' : ''}${
        ago === undefined ? '' : ` · ${formatDuration(ago)} ago`
      }`,
      ...(ago === undefined ? {} : { since: now - ago }),
    });
  }
  return items;
}
