import { displayKey } from '../dashboard/key-names.js';
import { LOGS_PANE_BINDINGS } from '../views/logs/index.js';

let hint: string | undefined;

/** The footer's key hints, from the logs view's own bindings (help lists the same). */
export function paneKeysHint(): string {
  hint ??= [
    ...LOGS_PANE_BINDINGS.map(
      (b) => `${b.keys.map(displayKey).join('/')} ${b.hint ?? b.description.toLowerCase()}`,
    ),
    '↑↓ PgUp/PgDn scroll',
  ].join(' ');
  return hint;
}
