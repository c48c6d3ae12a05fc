import { maskSecretShapes } from '../../../domain/secrets/mask.js';
import type { RecentLogsState } from '../../hooks/useRecentLogs.js';
import { formatClock } from '../../presenters/format.js';
import type { DetailsSection } from './section.js';

/** How many of the container's last lines the details screen shows. */
export const RECENT_LOG_LINES = 5;

/** The container's last lines, time first; a credential in a line is masked like everywhere else. */
export function recentLogsSection(state: RecentLogsState): DetailsSection {
  const title = `Last ${RECENT_LOG_LINES} log lines`;
  switch (state.status) {
    case 'unavailable':
      return { title, lines: [['', 'logs are not available here (no connection to the fleet)']] };
    case 'idle':
    case 'loading':
      return { title, lines: [['', 'reading…']] };
    case 'error':
      return { title, lines: [['', state.message]] };
    case 'ok':
      break;
  }
  if (state.lines.length === 0) return { title, lines: [['', 'no output']] };
  return {
    title,
    lines: state.lines.map((l): [string, string] => [
      l.tsNs === undefined
        ? ''
        : formatClock(Number(l.tsNs / 1_000_000n)) + (l.stream === 'stderr' ? ' err' : ''),
      maskSecretShapes(l.text),
    ]),
  };
}
