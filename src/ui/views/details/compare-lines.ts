import type { Theme } from '../../../theme/index.js';
import type { DetailsState } from '../../hooks/useDetails.js';
import { fit } from '../../presenters/format.js';
import { presentDifferences } from './compare-present.js';

const KEY_WIDTH = 16;
/** Characters kept before the first difference when a long value is cut from the left. */
const CONTEXT = 12;

/**
 * Two long values that differ late (a command of many words) would be cut to the same text: cut
 * their common start instead, so the columns show where they part.
 */
export function aroundDifference(left: string, right: string, width: number): [string, string] {
  const l = [...left];
  const r = [...right];
  if (l.length <= width && r.length <= width) return [left, right];
  let same = 0;
  while (same < l.length && same < r.length && l[same] === r[same]) same++;
  const start = same - CONTEXT;
  if (start <= 1 || same < width - CONTEXT) return [left, right];
  return [`…${l.slice(start).join('')}`, `…${r.slice(start).join('')}`];
}

function pending(state: DetailsState, name: string): string | undefined {
  if (state.status === 'error') return state.message;
  if (state.status !== 'ok') return `Reading ${name}…`;
  return undefined;
}

/** Two replicas side by side, only where they differ: key, this one's value, the other's. */
export function compareLines(
  left: DetailsState,
  right: DetailsState,
  names: { left: string; right: string },
  width: number,
  theme: Theme,
): string[] {
  const waiting = [pending(left, names.left), pending(right, names.right)].filter((m) => m !== undefined);
  if (left.status !== 'ok' || right.status !== 'ok') {
    const tone = left.status === 'error' || right.status === 'error' ? 'status.crit' : 'text.dim';
    return waiting.map((m) => theme.paint(fit(m, width), tone));
  }
  const groups = presentDifferences(left.details, right.details);
  if (groups.length === 0) {
    return [
      theme.paint(fit(`${names.left} and ${names.right} were started alike:`, width), 'status.healthy'),
      theme.paint(
        fit(
          '  same image, command, environment, labels, mounts and limits — look at their hosts instead',
          width,
        ),
        'text.dim',
      ),
    ];
  }
  const keyWidth = Math.min(KEY_WIDTH + 8, Math.max(KEY_WIDTH, Math.floor(width * 0.25)));
  const valueWidth = Math.max(1, Math.floor((width - keyWidth - 4) / 2));
  const row = (key: string, l: string, r: string): string[] => [
    fit(`  ${key}`, keyWidth + 2),
    fit(l, valueWidth),
    fit(r, valueWidth),
  ];
  const lines = [theme.paint(row('', names.left, names.right).join(' '), 'accent', { bold: true })];
  for (const group of groups) {
    lines.push(theme.paint(fit(`── ${group.title} `, width), 'accent', { bold: true }));
    for (const d of group.rows) {
      // A long key (label names) gets a line of its own: the values stay in their columns.
      const long = [...d.key].length > keyWidth;
      if (long) lines.push(theme.paint(fit(`  ${d.key}`, width), 'text.dim'));
      const [left, right] = aroundDifference(d.left, d.right, valueWidth);
      const [k = '', l = '', r = ''] = row(long ? '' : d.key, left, right);
      lines.push(
        [
          theme.paint(k, 'text.dim'),
          theme.paint(l, d.leftAbsent ? 'text.dim' : 'text.primary'),
          theme.paint(r, d.rightAbsent ? 'text.dim' : 'status.warn'),
        ].join(' '),
      );
    }
  }
  return lines;
}
