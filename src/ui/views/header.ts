import type { HostStatus } from '../../domain/host.js';
import type { Theme } from '../../theme/index.js';
import { fit, formatClock, formatDuration } from '../presenters/format.js';
import { MAIN_VIEWS, resourceKindOf, VIEW_TITLES, type ViewName } from '../views.js';

/** Views 1–5 have number keys. */
const NUMBERED_VIEWS = 5;
import { plainLength } from './info-line.js';

export interface HeaderInput {
  view: ViewName;
  hosts: readonly HostStatus[];
  now: number;
  updatedAt: number;
  readOnly: boolean;
  width: number;
  theme: Theme;
}

/** Title, view tabs, fleet health and freshness, on the header background. */
export function headerLine({ view, hosts, now, updatedAt, readOnly, width, theme }: HeaderInput): string {
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
  const health = `${up}/${hosts.length} up${down ? ` ${down} unreachable` : ''}${stale ? ` ${stale} stale` : ''}`;
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
