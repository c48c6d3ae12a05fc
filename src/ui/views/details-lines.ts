import type { Theme } from '../../theme/index.js';
import type { DetailsState } from '../hooks/useDetails.js';
import { presentDetails } from '../presenters/details.js';
import { fit } from '../presenters/format.js';

const LABEL_WIDTH = 14;

export function detailsLines(
  state: DetailsState,
  targetName: string,
  now: number,
  width: number,
  theme: Theme,
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
  for (const section of presentDetails(state.details, now)) {
    lines.push(theme.paint(fit(`── ${section.title} `, width), 'accent', { bold: true }));
    for (const [label, value] of section.lines) {
      const labelWidth =
        label === '' ? 2 : Math.max(LABEL_WIDTH, Math.min(label.length + 1, Math.floor(width / 2)));
      lines.push(
        theme.paint(fit(label === '' ? '' : `  ${label}`, labelWidth + 2), 'text.dim') +
          theme.paint(fit(value, Math.max(1, width - labelWidth - 2)), 'text.primary'),
      );
    }
  }
  return lines;
}
