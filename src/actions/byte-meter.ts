import type { ProgressMeter } from '../domain/progress/meter.js';
import type { CountingStream } from './counting-stream.js';
import type { RunContext } from './run-context.js';

/** A stream of many small chunks reports at most this often (a bar redraws, it need not see every chunk). */
const EVERY_MS = 200;

/**
 * Reports the bytes of `stream` as they pass (`base` bytes already done before it, e.g. earlier
 * volumes of one snapshot), at most every EVERY_MS, and once more when `finish` is called. Only
 * `finish()` may read as complete: a size the daemon gave is reached before a tar's last padding.
 */
export function meterBytes(
  ctx: Pick<RunContext, 'meter' | 'now'>,
  stream: CountingStream,
  m: Omit<ProgressMeter, 'at' | 'done' | 'unit'> & { base?: number },
): { finish(complete?: boolean): void } {
  const { base = 0, ...rest } = m;
  let last = Number.NEGATIVE_INFINITY;
  const report = (bytes: number, complete: boolean): void => {
    const done = base + bytes;
    // A tar carries headers and padding: the stream ends a little above the size the daemon gave.
    const total = rest.total === undefined ? undefined : Math.max(rest.total, complete ? done : done + 1);
    ctx.meter({ ...rest, unit: 'bytes', done, total });
  };
  report(0, false);
  stream.onBytes = (bytes) => {
    const now = ctx.now();
    if (now - last < EVERY_MS) return;
    last = now;
    report(bytes, false);
  };
  return {
    /** `complete: false` when more streams follow on the same meter (the next volume). */
    finish: (complete = true) => {
      stream.onBytes = undefined;
      report(stream.bytes, complete);
    },
  };
}
