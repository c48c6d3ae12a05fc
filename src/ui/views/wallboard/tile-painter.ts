import { BLOCK_ROWS, blockText, blockTextWidth } from '../../../domain/text/block-digits.js';
import { displayWidth } from '../../../domain/text/width.js';
import type { Theme } from '../../../theme/index.js';
import { fit } from '../../presenters/format.js';
import { sparkline } from '../../presenters/sparkline.js';
import type { Tile, TileLine } from './tiles.js';

/** Inner rows from which the headline is drawn in block digits (3 rows and its label, then a line). */
const BIG_HEADLINE_ROWS = BLOCK_ROWS + 2;

function centre(text: string, width: number): string {
  const room = width - displayWidth(text);
  if (room <= 0) return fit(text, width);
  const left = Math.floor(room / 2);
  return ' '.repeat(left) + text + ' '.repeat(room - left);
}

function paintLine(line: TileLine, width: number, theme: Theme): string {
  if (line.kind === 'text') return theme.paint(fit(` ${line.text}`, width), line.tone);
  const label = ` ${line.label} `;
  const now = ` ${line.now}`;
  const room = width - label.length - now.length - 1;
  if (room < 4) return theme.paint(fit(`${label}${line.now}`, width), 'text.dim');
  const bars = fit(sparkline(line.values, room, line.max), room);
  return (
    theme.paint(label, 'text.dim') +
    theme.paint(bars, line.tone) +
    theme.paint(fit(now, width - label.length - room), 'text.primary')
  );
}

function titleBar(tile: Tile, width: number, theme: Theme): string {
  const inner = width - 2;
  const status = ` ${tile.status} `;
  // `┌─ title ─…─ status ┐`: one rule before the title and at least one after it.
  const room = inner - 1 - 2 - 1 - status.length;
  if (room < 1) return theme.paint(`┌${fit(` ${tile.title}`, inner)}┐`, tile.tone, { bold: true });
  const title = ` ${fit(tile.title, Math.min(displayWidth(tile.title), room))} `;
  const rule = inner - 1 - displayWidth(title) - status.length;
  return (
    theme.paint('┌─', tile.tone) +
    theme.paint(title, tile.tone, { bold: true, inverse: true }) +
    theme.paint('─'.repeat(rule), tile.tone) +
    theme.paint(status, tile.tone, { bold: true }) +
    theme.paint('┐', tile.tone)
  );
}

/** The inner lines: the headline (large when there is room), then as many lines as fit. */
function innerLines(tile: Tile, inner: number, rows: number, theme: Theme): string[] {
  const out: string[] = [];
  const big = rows >= BIG_HEADLINE_ROWS && blockTextWidth(tile.headline) + 2 <= inner;
  if (big) {
    for (const row of blockText(tile.headline))
      out.push(theme.paint(centre(row, inner), tile.tone, { bold: true }));
    out.push(theme.paint(centre(tile.headlineLabel, inner), 'text.dim'));
  } else {
    out.push(
      theme.paint(fit(` ${tile.headline}`, Math.min(inner, tile.headline.length + 1)), tile.tone, {
        bold: true,
      }) +
        theme.paint(fit(` ${tile.headlineLabel}`, Math.max(0, inner - tile.headline.length - 1)), 'text.dim'),
    );
  }
  for (const line of tile.lines) {
    if (out.length >= rows) break;
    out.push(paintLine(line, inner, theme));
  }
  while (out.length < rows) out.push(' '.repeat(inner));
  return out.slice(0, rows);
}

/**
 * One tile as `height` lines of exactly `width` columns: a box in its severity colour with the
 * title and status on its top border. Below 3×3 there is no box, only the fitted title.
 */
export function paintTile(tile: Tile, width: number, height: number, theme: Theme): string[] {
  if (width < 4 || height < 3) {
    return Array.from({ length: Math.max(0, height) }, (_, i) =>
      i === 0
        ? theme.paint(fit(tile.title, width), tile.tone, { bold: true })
        : ' '.repeat(Math.max(0, width)),
    );
  }
  const inner = width - 2;
  const side = theme.paint('│', tile.tone);
  return [
    titleBar(tile, width, theme),
    ...innerLines(tile, inner, height - 2, theme).map((l) => side + l + side),
    theme.paint(`└${'─'.repeat(inner)}┘`, tile.tone),
  ];
}
