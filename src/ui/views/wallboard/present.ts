import type { FleetEvent } from '../../../domain/event.js';
import type { HostStatus } from '../../../domain/host.js';
import { maskSecretShapes } from '../../../domain/secrets/mask.js';
import type { FleetSnapshot } from '../../../fleet/snapshot.js';
import type { ThemeToken } from '../../../theme/index.js';
import type { AlertItem } from '../../presenters/alerts.js';
import { fleetAlerts } from '../../presenters/fleet-alerts.js';
import type { ExternalAlert } from '../../presenters/alerts.js';
import { formatClock, formatDuration } from '../../presenters/format.js';
import { hostGroupTiles, roleTiles, type Tile } from './tiles.js';

/** A count in large digits across the top: hosts up, containers running, alerts. */
export interface Headline {
  value: string;
  label: string;
  tone: ThemeToken;
}

export interface Freshness {
  text: string;
  /** No answer for longer than STALE_AFTER_MS: what is shown may no longer be true. */
  stale: boolean;
}

/** Everything the wallboard shows, as data: the painter only lays it out. */
export interface WallboardModel {
  clock: string;
  freshness: Freshness;
  headlines: Headline[];
  alerts: AlertItem[];
  tiles: Tile[];
  /** The newest events first, one short text each. */
  ticker: string[];
  /** `8 hosts · 12 roles · read-only`: what the wall is showing. */
  summary: string;
}

/** Hosts are pinged every 5 s: six pings without any answer and the wall says its data is old. */
export const STALE_AFTER_MS = 30_000;
const TICKER_EVENTS = 40;
/** Docker's chatter that says nothing about the fleet's state. */
const QUIET_ACTIONS = /^(exec_|top$|attach$|resize$|archive-path$|commit$|export$)/;

function ratioTone(part: number, whole: number): ThemeToken {
  if (whole === 0) return 'text.dim';
  if (part === whole) return 'status.healthy';
  return part === 0 ? 'status.crit' : 'status.warn';
}

/**
 * How old the data is: the newest answer of any daemon (each is pinged every few seconds), else
 * the store's last change while some host is up (stores that record no answers, as in tests).
 */
export function freshnessOf(hosts: readonly HostStatus[], updatedAt: number, now: number): Freshness {
  const seen = hosts.reduce<number | undefined>(
    (m, h) => (h.lastSeenAt === undefined ? m : Math.max(m ?? 0, h.lastSeenAt)),
    undefined,
  );
  const at = seen ?? (hosts.some((h) => h.state === 'up') || hosts.length === 0 ? updatedAt : 0);
  if (at <= 0) {
    const waiting = hosts.length > 0 && hosts.every((h) => h.state === 'unreachable');
    return { text: waiting ? 'no host has answered' : 'waiting for data', stale: waiting };
  }
  const age = Math.max(0, now - at);
  const stale = age > STALE_AFTER_MS;
  return { text: `${stale ? '⚠ stale: ' : ''}updated ${formatDuration(age)} ago`, stale };
}

function tickerText(e: FleetEvent): string {
  const name = e.attributes.name ?? e.actorId.slice(0, 12);
  const exit = e.action === 'die' && e.attributes.exitCode ? ` (exit ${e.attributes.exitCode})` : '';
  return maskSecretShapes(`${formatClock(e.time)} ${e.host} ${name} ${e.action}${exit}`);
}

export function tickerOf(events: readonly FleetEvent[], max = TICKER_EVENTS): string[] {
  const out: string[] = [];
  for (const e of events) {
    // Network (dis)connects come with every start and stop: the container's own event says it.
    if (QUIET_ACTIONS.test(e.action) || e.type === 'network') continue;
    out.push(tickerText(e));
    if (out.length >= max) break;
  }
  return out;
}

export function headlinesOf(snapshot: FleetSnapshot, alerts: readonly AlertItem[]): Headline[] {
  const hosts = snapshot.hosts;
  const up = hosts.filter((h) => h.state === 'up').length;
  const running = snapshot.containers.filter((c) => c.state === 'running').length;
  const total = snapshot.containers.length;
  const crit = alerts.filter((a) => a.severity === 'crit').length;
  return [
    { value: `${up}/${hosts.length}`, label: 'hosts up', tone: ratioTone(up, hosts.length) },
    { value: `${running}/${total}`, label: 'containers running', tone: ratioTone(running, total) },
    {
      value: String(alerts.length),
      label: crit > 0 ? `alerts · ${crit} critical` : 'alerts',
      tone: crit > 0 ? 'status.crit' : alerts.length > 0 ? 'status.warn' : 'status.healthy',
    },
  ];
}

/** The wallboard's content for one moment (pure: snapshot and time in, data out). */
export function presentWallboard(
  snapshot: FleetSnapshot,
  now: number,
  external: readonly ExternalAlert[] = [],
): WallboardModel {
  const alerts = fleetAlerts(snapshot, now, external);
  return {
    clock: formatClock(now),
    freshness: freshnessOf(snapshot.hosts, snapshot.updatedAt, now),
    headlines: headlinesOf(snapshot, alerts),
    alerts,
    tiles: [...roleTiles(snapshot, now), ...hostGroupTiles(snapshot, now)],
    ticker: tickerOf(snapshot.events),
    summary: `${snapshot.hosts.length} hosts · ${new Set(snapshot.containers.map((c) => c.role)).size} roles · read-only`,
  };
}
