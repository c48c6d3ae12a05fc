import type { ActionProgress } from '../../actions/index.js';
import type { ProgressMeter } from '../../domain/progress/meter.js';

/** What a running action reports, as the dialog keeps it: lines, and the latest reading of each meter. */

/** One progress line: `host/container: message`. */
export function progressLine(p: ActionProgress): string {
  const where = p.host ? `${p.host}${p.container ? `/${p.container}` : ''}: ` : '';
  return `${where}${p.message}`;
}

/** The meters with `m`'s latest reading: in place when its key is known, else added last. */
export function withReading(meters: readonly ProgressMeter[], m: ProgressMeter): ProgressMeter[] {
  const at = meters.findIndex((x) => x.key === m.key);
  return at < 0 ? [...meters, m] : meters.map((x, i) => (i === at ? m : x));
}
