import { displayWidth } from '../../domain/text/width.js';
import type { Theme } from '../../theme/index.js';
import type { AlertItem } from './alerts.js';
import { fit } from './format.js';

/** Below this many free columns the title keeps only the count of alerts. */
const MIN_ALERT_TEXT = 16;

/**
 * The dashboard's alert line: its title line, with the most severe alert (the wallboard's first)
 * and how many there are on the right — `✗ 9 alerts · lab-0/failed: exited with 3`.
 */
export function titleWithAlerts(
  title: string,
  alerts: readonly AlertItem[],
  width: number,
  theme: Theme,
): string {
  const top = alerts[0];
  const plain = theme.paint(fit(title, width), 'text.primary', { bold: true });
  if (!top) return plain;
  const mark = top.severity === 'crit' ? '✗' : '!';
  const count = `${mark} ${alerts.length} alert${alerts.length === 1 ? '' : 's'}`;
  const room = width - displayWidth(title) - 2;
  if (room < count.length + 2) return plain;
  const text = room >= count.length + 3 + MIN_ALERT_TEXT ? `${count} · ${top.text}` : count;
  const shown = ` ${fit(text, Math.min(displayWidth(text), room - 2))} `;
  const gap = width - displayWidth(title) - displayWidth(shown);
  const painted =
    top.severity === 'crit'
      ? theme.paint(shown, 'alert.fg', { bg: 'alert.bg', bold: true })
      : theme.paint(shown, 'status.warn', { bold: true });
  return theme.paint(title + ' '.repeat(Math.max(0, gap)), 'text.primary', { bold: true }) + painted;
}
