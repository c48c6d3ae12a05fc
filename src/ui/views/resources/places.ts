import type { HostProblem } from '../../../domain/host.js';
import type { ResourcePlace } from '../../../domain/resources/types.js';
import type { Theme } from '../../../theme/index.js';
import { fit, formatBytes } from '../../presenters/format.js';

const LABEL_WIDTH = 14;

/** One image, volume or network opened with Enter: what it is, where it is, what uses it. */
export interface PlacesPage {
  heading: string;
  figures: ReadonlyArray<[label: string, value: string]>;
  places: readonly ResourcePlace[];
  /** Hosts the last read did not reach: it may be there too. */
  unreachable: ReadonlyArray<{ host: string; problem: HostProblem }>;
  /** Stale marks of hosts that stopped answering the store. */
  stale: ReadonlyMap<string, string>;
}

function label(text: string, value: string, width: number, theme: Theme): string {
  return (
    theme.paint(fit(`  ${text}`, LABEL_WIDTH + 2), 'text.dim') +
    theme.paint(fit(value, Math.max(1, width - LABEL_WIDTH - 2)), 'text.primary')
  );
}

function section(title: string, width: number, theme: Theme): string {
  return theme.paint(fit(`── ${title} `, width), 'accent', { bold: true });
}

function placeSummary(p: ResourcePlace): string {
  const size = p.sizeBytes === undefined ? '' : `${formatBytes(p.sizeBytes)}, `;
  const used = p.containers === 0 ? 'no container uses it here' : `used by ${p.containers}`;
  return `${size}${used}${p.dangling ? ' (dangling here)' : ''}`;
}

/** The page as lines: the figures, then per host its part and the containers (host/name) using it. */
export function placesLines(page: PlacesPage, width: number, theme: Theme): string[] {
  const lines = [section(page.heading, width, theme)];
  for (const [l, v] of page.figures) lines.push(label(l, v, width, theme));
  const users = page.places.reduce((n, p) => n + p.containers, 0);
  lines.push(
    section(
      `Where: ${page.places.length} host${page.places.length === 1 ? '' : 's'}, ${users} container${users === 1 ? '' : 's'}`,
      width,
      theme,
    ),
  );
  for (const p of page.places) {
    const stale = page.stale.get(p.host);
    lines.push(
      theme.paint(fit(`  ${p.host}`, LABEL_WIDTH + 2), stale ? 'status.warn' : 'tab.active') +
        theme.paint(
          fit(`${stale ? `${stale} · ` : ''}${placeSummary(p)}`, Math.max(1, width - LABEL_WIDTH - 2)),
          stale ? 'status.warn' : 'text.primary',
        ),
    );
    for (const name of p.users ?? [])
      lines.push(theme.paint(fit(`      ${p.host}/${name}`, width), 'text.primary'));
  }
  if (page.unreachable.length > 0) {
    lines.push(section('Not read (it may be there too)', width, theme));
    for (const u of page.unreachable) lines.push(label(u.host, u.problem.message, width, theme));
  }
  return lines;
}

/** Shown when the opened row is not in the last read any more (removed, or its host stopped answering). */
export function goneLines(what: string, width: number, theme: Theme): string[] {
  return [
    theme.paint(
      fit(
        `${what} is not in the last read of the fleet (removed, or its hosts did not answer) — Esc goes back`,
        width,
      ),
      'status.warn',
    ),
  ];
}
