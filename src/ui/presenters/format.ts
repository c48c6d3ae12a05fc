/*
 * The presenters' names for the formatting helpers of src/domain/format (one convention for the
 * whole program: decimal SI bytes, the same ages and percentages as the CLI and the findings).
 */
import {
  fitToWidth,
  formatBytesShort,
  formatPercentCell,
  formatTimeOfDay,
} from '../../domain/format/index.js';

export { formatDuration, shortId, shortImage, uptimeFromStatus } from '../../domain/format/index.js';

/** Compact bytes for cells: 512B, 1.5kB, 230MB, 12GB; `-` when unknown. */
export const formatBytes = formatBytesShort;

/** Steady-width percent for cells: 12.0%, 100%; `-` when unknown. */
export const formatPercent = formatPercentCell;

/** Pads or cuts to exactly `width` terminal columns, marking a cut with an ellipsis. */
export function fit(text: string, width: number, align: 'left' | 'right' = 'left'): string {
  return fitToWidth(text, width, align);
}

/** Local time of day, `14:03:09`. */
export function formatClock(epochMs: number): string {
  const d = new Date(epochMs);
  return formatTimeOfDay(d.getHours(), d.getMinutes(), d.getSeconds());
}
