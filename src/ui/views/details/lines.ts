import type { Theme } from '../../../theme/index.js';
import type { DetailsState } from '../../hooks/useDetails.js';
import { presentDetails, type DetailsOptions } from './present.js';
import { fit } from '../../presenters/format.js';

const LABEL_WIDTH = 14;

export function detailsLines(
  state: DetailsState,
  targetName: string,
  now: number,
  width: number,
  theme: Theme,
  opts: DetailsOptions = {},
): string[] {
  switch (state.status) {
    case 'idle':
    case 'loading':
      return [theme.paint(fit(`Loading details of ${targetName}…`, width), 'text.dim')];
    case 'error':
      return [theme.paint(fit(state.message, width), 'status.crit')];
    case 'ok':
      break;
  }
  const lines: string[] = [];
  // One value column per section, two spaces after its longest label, at most 40% of the width.
  // A longer label (long Docker label keys) gets a line of its own: values stay in their column.
  const cap = Math.max(LABEL_WIDTH, Math.floor(width * 0.4));
  for (const section of presentDetails(state.details, now, opts)) {
    lines.push(theme.paint(fit(`── ${section.title} `, width), 'accent', { bold: true }));
    const longest = Math.max(
      0,
      ...section.lines.map(([label]) => [...label].length + 2).filter((n) => n <= cap),
    );
    const labelWidth = Math.max(LABEL_WIDTH, longest);
    const valueWidth = Math.max(1, width - labelWidth - 2);
    for (const [label, value] of section.lines) {
      if (label === '') {
        lines.push(theme.paint(fit(`    ${value}`, width), 'text.primary'));
        continue;
      }
      if ([...label].length + 2 > labelWidth) {
        lines.push(theme.paint(fit(`  ${label}`, width), 'text.dim'));
        lines.push(' '.repeat(labelWidth + 2) + theme.paint(fit(value, valueWidth), 'text.primary'));
        continue;
      }
      lines.push(
        theme.paint(fit(`  ${label}`, labelWidth + 2), 'text.dim') +
          theme.paint(fit(value, valueWidth), 'text.primary'),
      );
    }
  }
  return lines;
}
