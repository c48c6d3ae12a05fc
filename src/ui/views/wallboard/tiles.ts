import type { Container } from '../../../domain/container.js';
import { containerKey } from '../../../domain/container.js';
import type { FleetEvent } from '../../../domain/event.js';
import type { HostStatus } from '../../../domain/host.js';
import { maskSecretShapes } from '../../../domain/secrets/mask.js';
import type { ContainerUsage, FleetSnapshot } from '../../../fleet/snapshot.js';
import type { ThemeToken } from '../../../theme/index.js';
import { formatBytes, formatPercent } from '../../presenters/format.js';
import { staleMarks } from '../../presenters/stale.js';
import { sumHistories } from '../../presenters/sparkline.js';
import { stateTone } from '../containers/present.js';
import { HOST_STATE_TONE } from '../hosts/present.js';
import { markStaleRoles, presentRoles, type RoleRow } from '../roles/present.js';

/** A line of a tile: words, or a trend drawn as a sparkline as wide as the tile allows. */
export type TileLine =
  | { kind: 'text'; text: string; tone: ThemeToken }
  | { kind: 'trend'; label: string; values: number[]; max?: number; now: string; tone: ThemeToken };

export interface Tile {
  key: string;
  kind: 'role' | 'hosts';
  title: string;
  /** A word or two on its title bar: `ok`, `degraded`, `2 unreachable`. */
  status: string;
  /** Its severity colour (border, title, headline). */
  tone: ThemeToken;
  /** The count drawn large when the tile has room: `2/3`. */
  headline: string;
  headlineLabel: string;
  /** Under the headline, most important first: as many as fit are shown. */
  lines: TileLine[];
  /** Running containers whose usage makes its trend (sampled while the tile is on screen). */
  sampleKeys: string[];
}

export const HOUR_MS = 60 * 60_000;
/** Points of history a trend keeps (the sampler's history is at most this long). */
const TREND_POINTS = 60;

/**
 * Restarts per container key within the last hour before `now`: a `start` that follows a `die` of
 * the same container (a one-shot that exited once is not restarting).
 */
export function restartsInLastHour(events: readonly FleetEvent[], now: number): Map<string, number> {
  const died = new Set<string>();
  const restarts = new Map<string, number>();
  // Events are newest first: walk them oldest first.
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i]!;
    if (e.type !== 'container' || e.time < now - HOUR_MS || e.time > now) continue;
    const key = containerKey({ host: e.host, id: e.actorId });
    if (e.action === 'die') died.add(key);
    else if (e.action === 'start' && died.has(key)) {
      died.delete(key);
      restarts.set(key, (restarts.get(key) ?? 0) + 1);
    }
  }
  return restarts;
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const list = groups.get(key);
    if (list) list.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

function trendLines(usages: readonly ContainerUsage[], running: number): TileLine[] {
  // The sampler needs two samples for a CPU figure: say so rather than leave a gap.
  if (usages.length === 0) return running > 0 ? [text('cpu/mem: sampling…', 'text.dim')] : [];
  const memLimit = usages.reduce((s, u) => s + u.memLimitBytes, 0);
  const memNow = usages.reduce((s, u) => s + u.memBytes, 0);
  return [
    {
      kind: 'trend',
      label: 'cpu',
      values: sumHistories(
        usages.map((u) => u.cpuHistory),
        TREND_POINTS,
      ),
      now: formatPercent(usages.reduce((s, u) => s + (u.cpuPercent ?? 0), 0)),
      tone: 'spark.cpu',
    },
    {
      kind: 'trend',
      label: 'mem',
      values: sumHistories(
        usages.map((u) => u.memHistory),
        TREND_POINTS,
      ),
      ...(memLimit > 0 ? { max: memLimit } : {}),
      now: formatBytes(memNow),
      tone: 'spark.mem',
    },
  ];
}

function restartLine(count: number): TileLine {
  return {
    kind: 'text',
    text: `restarts 1h: ${count}`,
    tone: count > 0 ? 'status.warn' : 'text.dim',
  };
}

function replicaText(c: Container): string {
  const health = c.health !== 'none' ? `/${c.health}` : '';
  const exit = c.exitCode !== undefined && c.state !== 'running' ? ` (${c.exitCode})` : '';
  return `${c.host} ${c.name.replace(/^\//, '')} ${c.state}${health}${exit}`;
}

/**
 * `lab-0 up · 8/9 · 6ms · load 0.52`, or `lab-1 unreachable · stale 40s · <why>`; the name only
 * when the tile holds several hosts.
 */
function hostText(h: HostStatus, snapshot: FleetSnapshot, single: boolean, stale?: string): string {
  const load = snapshot.vitals?.get(h.name)?.load;
  const parts = [
    single ? h.state : `${h.name} ${h.state}`,
    stale ?? '',
    h.state !== 'up' ? (h.problem?.message ?? '') : '',
    h.docker ? `${h.docker.containersRunning ?? '?'}/${h.docker.containersTotal ?? '?'}` : '',
    h.latencyMs !== undefined && h.state === 'up' ? `${h.latencyMs}ms` : '',
    load ? `load ${load.one.toFixed(2)}` : '',
  ];
  return parts.filter(Boolean).join(' · ');
}

function text(t: string, tone: ThemeToken = 'text.primary'): TileLine {
  return { kind: 'text', text: maskSecretShapes(t), tone };
}

function roleStatus(r: RoleRow): string {
  if (r.running === 0) return 'down';
  if (r.unhealthy > 0) return `${r.unhealthy} unhealthy`;
  if (r.running < r.total) return 'degraded';
  if (r.drift) return 'drift';
  return 'ok';
}

function usagesOf(containers: readonly Container[], usage: FleetSnapshot['usage']): ContainerUsage[] {
  return containers.map((c) => usage.get(containerKey(c))).filter((u): u is ContainerUsage => !!u);
}

function runningKeys(containers: readonly Container[]): string[] {
  return containers.filter((c) => c.state === 'running').map(containerKey);
}

export function roleTiles(snapshot: FleetSnapshot, now: number): Tile[] {
  const restartCounts = restartsInLastHour(snapshot.events, now);
  const rows = markStaleRoles(
    presentRoles(snapshot.containers, undefined, snapshot.ignoresStopSignal),
    snapshot.containers,
    staleMarks(snapshot.hosts, now),
  );
  const byRole = groupBy(snapshot.containers, (c) => c.role);
  return rows.map((r) => {
    const replicas = byRole.get(r.role) ?? [];
    const restarts = replicas.reduce((s, c) => s + (restartCounts.get(containerKey(c)) ?? 0), 0);
    const lines: TileLine[] = [];
    if (r.unhealthy > 0) lines.push(text(`${r.unhealthy} unhealthy`, 'status.unhealthy'));
    lines.push(restartLine(restarts), ...trendLines(usagesOf(replicas, snapshot.usage), r.running));
    if (r.drift) lines.push(text(r.drift, 'status.warn'));
    if (r.stale) lines.push(text(r.stale, 'status.warn'));
    lines.push(text(`on ${r.hosts.join(' ')}`, 'text.dim'), text(r.images.join(' '), 'text.dim'));
    // A tall tile has room for each replica.
    for (const c of replicas) lines.push(text(replicaText(c), stateTone(c)));
    const calm = r.tone === 'status.healthy' && restarts > 0 ? 'status.warn' : r.tone;
    return {
      key: `role/${r.role}`,
      kind: 'role',
      title: maskSecretShapes(r.role),
      status: roleStatus(r),
      tone: calm,
      headline: `${r.running}/${r.total}`,
      headlineLabel: 'running',
      lines,
      sampleKeys: runningKeys(replicas),
    };
  });
}

const STATE_RANK: Readonly<Record<HostStatus['state'], number>> = {
  unreachable: 0,
  degraded: 1,
  connecting: 2,
  up: 3,
};

/** One tile per host group (`group:` in the fleet file); a host without a group is its own. */
export function hostGroupTiles(snapshot: FleetSnapshot, now: number): Tile[] {
  const groups = groupBy(snapshot.hosts, (h) => h.group ?? h.name);
  const byHost = groupBy(snapshot.containers, (c) => c.host);
  const restartCounts = restartsInLastHour(snapshot.events, now);
  const stale = staleMarks(snapshot.hosts, now);
  return [...groups].map(([name, hosts]) => {
    const containers = hosts.flatMap((h) => byHost.get(h.name) ?? []);
    const running = containers.filter((c) => c.state === 'running').length;
    const up = hosts.filter((h) => h.state === 'up').length;
    const worst = [...hosts].sort((a, b) => STATE_RANK[a.state] - STATE_RANK[b.state])[0]!;
    const notUp = hosts.length - up;
    const single = hosts.length === 1;
    const restarts = containers.reduce((s, c) => s + (restartCounts.get(containerKey(c)) ?? 0), 0);
    const lines: TileLine[] = [];
    // Hosts that are not up first: in a small tile they are what must show.
    for (const h of hosts.filter((x) => x.state !== 'up'))
      lines.push(text(hostText(h, snapshot, single, stale.get(h.name)), HOST_STATE_TONE[h.state]));
    if (!single) lines.push(text(`${running}/${containers.length} containers running`));
    lines.push(restartLine(restarts), ...trendLines(usagesOf(containers, snapshot.usage), running));
    for (const h of hosts.filter((x) => x.state === 'up'))
      lines.push(text(hostText(h, snapshot, single), HOST_STATE_TONE[h.state]));
    return {
      key: `hosts/${name}`,
      kind: 'hosts',
      title: maskSecretShapes(name),
      status: notUp === 0 ? 'up' : single ? worst.state : `${notUp} ${worst.state}`,
      tone: HOST_STATE_TONE[worst.state],
      headline: single ? `${running}/${containers.length}` : `${up}/${hosts.length}`,
      headlineLabel: single ? 'containers running' : 'hosts up',
      lines,
      sampleKeys: runningKeys(containers),
    };
  });
}
