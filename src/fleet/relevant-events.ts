import type { FleetEvent } from '../domain/event.js';

// Health checks fire exec_create/exec_start/exec_die every interval on every checked container:
// they change nothing an operator sees in the list and would drown the events view.
const NOISE_ACTIONS = /^(exec_|attach|detach|resize|top|export|copy|archive-path|extract-to-dir)/;

/** Events worth showing and keeping. */
export function isNoteworthy(e: FleetEvent): boolean {
  return !(e.type === 'container' && NOISE_ACTIONS.test(e.action));
}
