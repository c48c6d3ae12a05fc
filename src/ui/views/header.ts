import type { HostStatus } from '../../domain/host.js';
import type { SwarmView } from '../../fleet/swarm/swarm-view.js';
import type { Theme } from '../../theme/index.js';
import { fit, formatClock, formatDuration } from '../presenters/format.js';
import { MAIN_VIEWS, resourceKindOf, VIEW_TITLES, type ViewName } from '../views.js';

/** Views 1–5 have number keys. */
const NUMBERED_VIEWS = 5;
import { plainLength } from './info-line.js';

export interface HeaderInput {
  view: ViewName;
  hosts: readonly HostStatus[];
  /** The fleet file's swarms: their nodes' health follows the hosts'. */
  swarms?: readonly SwarmView[] | undefined;
  now: number;
  updatedAt: number;
  readOnly: boolean;
  width: number;
  theme: Theme;
}

/** Title, view tabs, fleet health and freshness, on the header background. */
/** `· nodes 3/3 ready` over every swarm read (`· swarm prod down` for one no manager answers). */
function swarmHealth(swarms: readonly SwarmView[]): string {
  if (swarms.length === 0) return '';
  const nodes = swarms.flatMap((s) => s.state?.nodes ?? []);
  const ready = nodes.filter((n) => n.status === 'ready').length;
  const down = swarms.filter((s) => s.status.state === 'down').map((s) => s.name);
  return ` · nodes ${ready}/${nodes.length} ready${down.length ? ` · swarm ${down.join(',')} down` : ''}`;
}

export function headerLine({
  view,
  hosts,
  swarms = [],
  now,
  updatedAt,
  readOnly,
  width,
  theme,
}: HeaderInput): string {
  const bar = (text: string, bold = false): string =>
    theme.paint(text, 'header.fg', { bg: 'header.bg', bold });
  const up = hosts.filter((h) => h.state === 'up').length;
  const down = hosts.filter((h) => h.state === 'unreachable').length;
  // Views with a number key are always listed; the others (reached with Tab or `:`) only when
  // shown: the header has no room for every view at 80 or 120 columns.
  const tabs = MAIN_VIEWS.flatMap((v, i) => {
    const numbered = i < NUMBERED_VIEWS;
    const label = numbered ? `${i + 1}:${VIEW_TITLES[v]}` : VIEW_TITLES[v];
    if (v === view || v === resourceKindOf(view))
      return [theme.paint(`[${label}]`, 'tab.active', { bg: 'header.bg' })];
    return numbered ? [bar(` ${label} `)] : [];
  });
  const left = [bar(' fleetdeck', true), bar(readOnly ? ' RO ' : ' '), ...tabs].join('');
  // Hosts whose data on screen is from their last answer (they stopped answering).
  const stale = hosts.filter((h) => h.stale).length;
  const health = `${up}/${hosts.length} up${down ? ` ${down} unreachable` : ''}${stale ? ` ${stale} stale` : ''}${swarmHealth(swarms)}`;
  const fresh = updatedAt > 0 ? `upd ${formatDuration(now - updatedAt)} ago` : 'waiting for data';
  const right = ` ${health} · ${formatClock(now)} · ${fresh} `;
  const leftLength = plainLength(left);
  if (leftLength + right.length > width) {
    return leftLength >= width ? left : left + bar(fit(` ${health}`, width - leftLength));
  }
  const healthPainted = theme.paint(
    right,
    down ? 'status.unreachable' : stale ? 'status.warn' : 'header.fg',
    {
      bg: 'header.bg',
    },
  );
  return left + bar(' '.repeat(width - leftLength - right.length)) + healthPainted;
}
