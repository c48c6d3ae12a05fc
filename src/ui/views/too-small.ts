import type { Theme } from '../../theme/index.js';
import { fit } from '../presenters/format.js';

/** Below this the tables lose their meaning; say so instead of drawing garbage. */
export const MIN_COLUMNS = 60;
export const MIN_ROWS = 12;

export function isTooSmall(columns: number, rows: number): boolean {
  return columns < MIN_COLUMNS || rows < MIN_ROWS;
}

export function tooSmallLines(columns: number, rows: number, theme: Theme): string[] {
  const width = Math.max(1, columns);
  const words = [
    `Terminal too small: ${columns}×${rows}.`,
    `fleetdeck needs at least ${MIN_COLUMNS}×${MIN_ROWS}`,
    '(80×24 recommended).',
    'Enlarge the window or use a smaller font.',
    'q quits.',
  ];
  const lines: string[] = [];
  for (const w of words) {
    for (let i = 0; i < w.length; i += width) lines.push(w.slice(i, i + width));
  }
  return lines
    .slice(0, Math.max(1, rows - 1))
    .map((l, i) => theme.paint(fit(l, width), i === 0 ? 'status.warn' : 'text.primary'));
}
