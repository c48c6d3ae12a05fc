import type { Theme } from '../../../theme/index.js';
import type { DetailsState } from '../../hooks/useDetails.js';
import { fit } from '../../presenters/format.js';
import { presentDifferences } from './compare-present.js';

const KEY_WIDTH = 16;

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
      const [k = '', l = '', r = ''] = row(long ? '' : d.key, d.left, d.right);
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
