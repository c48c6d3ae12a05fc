import { formatBytes } from '../format/bytes.js';
import { displayWidth, truncateToWidth } from '../text/width.js';
import type { ProgressMeter } from './meter.js';

const FULL = '█';
const EMPTY = '░';
/** Eighths of a cell, for a bar that moves smoothly on a narrow screen. */
const PARTIAL = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];
const MIN_BAR = 10;
const MAX_BAR = 40;
const SEP = ' · ';

/** `[████▌░░░░░]`: `cells` columns inside the brackets, filled to `fraction` (0–1). */
export function barCells(fraction: number, cells: number): string {
  const f = Math.min(1, Math.max(0, Number.isFinite(fraction) ? fraction : 0));
  const eighths = Math.round(f * cells * 8);
  const full = Math.floor(eighths / 8);
  const part = full < cells ? (PARTIAL[eighths % 8] ?? '') : '';
  return `[${FULL.repeat(full)}${part}${EMPTY.repeat(Math.max(0, cells - full - (part ? 1 : 0)))}]`;
}

/** `0:42`, `12:05`, `1:02:03`. */
export function clockDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  const pad = (n: number): string => String(n).padStart(2, '0');
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h > 0 ? `${h}:${pad(m)}:${pad(s % 60)}` : `${m}:${pad(s % 60)}`;
}

function count(m: ProgressMeter): string {
  if (m.unit === 'bytes')
    return m.total === undefined ? formatBytes(m.done) : `${formatBytes(m.done)} of ${formatBytes(m.total)}`;
  return `${m.done}${m.total === undefined ? '' : `/${m.total}`} ${m.unit}`;
}

/**
 * The words after the bar, most important first: the count, the estimate, elapsed, the rate of a
 * byte stream, what runs now. A narrow line drops them from the end.
 */
function parts(m: ProgressMeter, now: number): string[] {
  const elapsed = Math.max(0, now - m.startedAt);
  const out = [count(m)];
  const remaining = m.total === undefined ? undefined : m.total - m.done;
  if (remaining !== undefined && remaining > 0 && m.done > 0 && elapsed >= 1000)
    out.push(`~${clockDuration((elapsed * remaining) / m.done)} left`);
  out.push(`${clockDuration(elapsed)} elapsed`);
  if (m.unit === 'bytes' && elapsed >= 1000) out.push(`${formatBytes((m.done * 1000) / elapsed)}/s`);
  if (m.detail) out.push(m.detail);
  return out;
}

/**
 * One line of at most `width` columns (plain text; the caller colours it):
 * `redeploy web [██████░░░░] 2/5 replicas · ~1:03 left · 0:42 elapsed · batch 2/3`.
 * The bar takes what the words leave (10–40 cells); when even that does not fit, words go from
 * the end, then the label is cut. `now` moves elapsed and the estimate between readings.
 */
export function meterLine(m: ProgressMeter, now: number, width: number): string {
  const words = parts(m, Math.max(now, m.at));
  const hasBar = m.total !== undefined && m.total > 0;
  const label = m.label;
  const fraction = hasBar ? m.done / (m.total ?? 1) : 0;
  for (let keep = words.length; keep >= 1; keep--) {
    const tail = words.slice(0, keep).join(SEP);
    const fixed = displayWidth(label) + 1 + displayWidth(tail);
    if (!hasBar) {
      if (fixed <= width) return `${label} ${tail}`;
      continue;
    }
    const room = width - fixed - 3; // the brackets and the space after the bar
    if (room >= MIN_BAR) return `${label} ${barCells(fraction, Math.min(MAX_BAR, room))} ${tail}`;
  }
  const first = words[0] ?? '';
  if (!hasBar) return truncateToWidth(`${label} ${first}`, width);
  // Only the count left: the label gives way first, then the bar shrinks.
  const spare = width - displayWidth(first) - 1;
  const labelRoom = spare - (MIN_BAR + 2) - 1;
  if (labelRoom >= 4) return `${truncateToWidth(label, labelRoom)} ${barCells(fraction, MIN_BAR)} ${first}`;
  if (spare - 2 >= 3) return `${barCells(fraction, spare - 2)} ${first}`;
  return truncateToWidth(first, width);
}
