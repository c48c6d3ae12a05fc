import { BLOCK_ROWS, blockText, blockTextWidth } from '../../../domain/text/block-digits.js';
import { displayWidth } from '../../../domain/text/width.js';
import type { Theme } from '../../../theme/index.js';
import type { AlertItem } from '../../presenters/alerts.js';
import { fit } from '../../presenters/format.js';
import { chooseGrid, paginate, splitEvenly } from './grid.js';
import type { Headline, WallboardModel } from './present.js';
import { paintTile } from './tile-painter.js';
import type { Tile } from './tiles.js';

export interface WallboardFrame {
  /** Exactly `height` lines, none wider than `width`. */
  lines: string[];
  pages: number;
  /** The tiles on the page shown (their containers are the ones worth sampling). */
  shown: Tile[];
}

export interface WallboardLayoutInput {
  model: WallboardModel;
  width: number;
  height: number;
  /** Rotation counter: the page shown is `page` modulo the number of pages. */
  page: number;
  /** Right side of the footer (the local machine's vitals), already plain text. */
  footerRight?: string;
  theme: Theme;
}

/** From this many rows the headline counts are drawn in block digits. */
const BIG_HEADLINES_FROM_ROWS = 22;
/** From this many rows the ticker takes three lines. */
const TALL_TICKER_FROM_ROWS = 45;

function header({ model, width, theme }: WallboardLayoutInput): string {
  const left = ' fleetdeck wallboard';
  const clock = ` ${model.clock} · `;
  const fresh = `${model.freshness.text} `;
  const gap = Math.max(1, width - left.length - clock.length - displayWidth(fresh));
  const bar = (text: string, bold = false): string =>
    theme.paint(text, 'header.fg', { bg: 'header.bg', bold });
  const line =
    bar(left + ' '.repeat(gap), true) +
    bar(clock, true) +
    theme.paint(fresh, model.freshness.stale ? 'status.warn' : 'header.fg', { bg: 'header.bg', bold: true });
  return left.length + gap + clock.length + displayWidth(fresh) > width
    ? bar(fit(`${left} ${clock}${fresh}`, width))
    : line;
}

function headlineBand(headlines: readonly Headline[], width: number, big: boolean, theme: Theme): string[] {
  const widths = splitEvenly(width, headlines.length);
  const fits = headlines.every((h, i) => blockTextWidth(h.value) + 2 <= (widths[i] ?? 0));
  if (!big || !fits) {
    const text = headlines.map((h) => `${h.label} ${h.value}`).join(' · ');
    const worst =
      headlines.find((h) => h.tone === 'status.crit') ?? headlines.find((h) => h.tone === 'status.warn');
    return [theme.paint(fit(` ${text}`, width), worst?.tone ?? 'text.primary', { bold: true })];
  }
  const centre = (text: string, w: number): string => {
    const room = Math.max(0, w - displayWidth(text));
    return fit(' '.repeat(Math.floor(room / 2)) + text, w);
  };
  const rows: string[] = [];
  for (let r = 0; r < BLOCK_ROWS; r++) {
    rows.push(
      headlines
        .map((h, i) =>
          theme.paint(centre(blockText(h.value)[r] ?? '', widths[i] ?? 0), h.tone, { bold: true }),
        )
        .join(''),
    );
  }
  rows.push(
    headlines.map((h, i) => theme.paint(centre(h.label.toUpperCase(), widths[i] ?? 0), 'text.dim')).join(''),
  );
  return rows;
}

function alertLine(a: AlertItem, width: number, theme: Theme): string {
  if (a.severity === 'crit')
    return theme.paint(fit(` ✗ ${a.text}`, width), 'alert.fg', { bg: 'alert.bg', bold: true });
  return theme.paint(fit(` ! ${a.text}`, width), 'status.warn');
}

function alertStrip(alerts: readonly AlertItem[], width: number, cap: number, theme: Theme): string[] {
  if (alerts.length === 0) return [theme.paint(fit(' ✓ no alerts', width), 'status.healthy', { bold: true })];
  if (alerts.length <= cap) return alerts.map((a) => alertLine(a, width, theme));
  const shown = alerts.slice(0, cap - 1);
  const rest = alerts.slice(cap - 1);
  const crit = rest.filter((a) => a.severity === 'crit').length;
  const more = ` … ${rest.length} more alerts${crit ? ` (${crit} critical)` : ''}`;
  return [
    ...shown.map((a) => alertLine(a, width, theme)),
    crit > 0
      ? theme.paint(fit(more, width), 'alert.fg', { bg: 'alert.bg' })
      : theme.paint(fit(more, width), 'status.warn'),
  ];
}

function tickerLines(items: readonly string[], width: number, count: number, theme: Theme): string[] {
  const label = ' events ▸ ';
  if (items.length === 0) return [theme.paint(fit(`${label}none yet`, width), 'text.dim')];
  const lines: string[] = [];
  let i = 0;
  for (let n = 0; n < count && i < items.length; n++) {
    const prefix = n === 0 ? label : ' '.repeat(label.length);
    let text = items[i++] ?? '';
    while (i < items.length && displayWidth(`${prefix}${text} · ${items[i]}`) <= width)
      text += ` · ${items[i++]}`;
    lines.push(
      theme.paint(prefix, 'accent') +
        theme.paint(fit(text, width - prefix.length), n === 0 ? 'text.primary' : 'text.dim'),
    );
  }
  return lines;
}

function tileRows(tiles: readonly Tile[], width: number, height: number, theme: Theme): string[] {
  const grid = chooseGrid(tiles.length, width, height);
  const out: string[] = [];
  for (let r = 0; r < grid.rows; r++) {
    const rowTiles = tiles.slice(r * grid.columns, (r + 1) * grid.columns);
    const h = grid.heights[r] ?? 0;
    if (rowTiles.length === 0) {
      for (let i = 0; i < h; i++) out.push('');
      continue;
    }
    // A short last row stretches across the width: the screen stays filled.
    const widths = rowTiles.length === grid.columns ? grid.widths : splitEvenly(width, rowTiles.length);
    const painted = rowTiles.map((t, i) => paintTile(t, widths[i] ?? 0, h, theme));
    for (let line = 0; line < h; line++) out.push(painted.map((p) => p[line] ?? '').join(''));
  }
  return out;
}

function footerLine(
  summary: string,
  pageInfo: string,
  { width, footerRight, theme }: WallboardLayoutInput,
): string {
  const left = ` ${[pageInfo, summary].filter(Boolean).join(' · ')}`;
  const right = footerRight ? `${footerRight} ` : '';
  if (displayWidth(left) + displayWidth(right) + 2 > width) return theme.paint(fit(left, width), 'text.dim');
  return (
    theme.paint(left, pageInfo ? 'accent' : 'text.dim', { bold: pageInfo !== '' }) +
    theme.paint(fit(right, width - displayWidth(left), 'right'), 'text.dim')
  );
}

/** The whole wallboard as lines: header, headline counts, alerts strip, tiles, event ticker, footer. */
export function paintWallboard(input: WallboardLayoutInput): WallboardFrame {
  const { model, width, height, theme } = input;
  const top = [
    header(input),
    ...headlineBand(model.headlines, width, height >= BIG_HEADLINES_FROM_ROWS, theme),
  ];
  // A fifth of the height for alerts (at least 2, at most 14 lines): they are what a wall is for.
  const cap = Math.max(2, Math.min(14, Math.floor(height / 5)));
  const strip = alertStrip(model.alerts, width, cap, theme);
  const ticker = tickerLines(model.ticker, width, height >= TALL_TICKER_FROM_ROWS ? 3 : 1, theme);
  const tileHeight = Math.max(0, height - top.length - strip.length - ticker.length - 1);
  const perPage = chooseGrid(model.tiles.length, width, tileHeight).perPage;
  const pages = paginate(model.tiles, perPage);
  const index = ((input.page % pages.length) + pages.length) % pages.length;
  const shown = pages[index] ?? [];
  const footer = footerLine(
    model.summary,
    pages.length > 1 ? `page ${index + 1}/${pages.length}` : '',
    input,
  );
  const lines = [...top, ...strip, ...tileRows(shown, width, tileHeight, theme), ...ticker, footer];
  return { lines: lines.slice(0, height), pages: pages.length, shown };
}
