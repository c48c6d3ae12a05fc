import type { DfRow } from './types.js';

const ROW = /^(\S+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+%|-)\s+(.+)$/;

/**
 * Rows of `df -P -B1 [paths]` (POSIX format: one line per filesystem, sizes in bytes).
 * The header and lines that are not rows (errors, other sections) are skipped.
 */
export function parseDf(text: string): DfRow[] {
  const rows: DfRow[] = [];
  for (const line of text.split('\n')) {
    const m = ROW.exec(line.trim());
    if (!m) continue;
    const [, filesystem = '', total = '0', used = '0', available = '0', capacity = '-', mountedOn = ''] = m;
    const usedBytes = Number(used);
    const availableBytes = Number(available);
    const denominator = usedBytes + availableBytes;
    rows.push({
      filesystem,
      totalBytes: Number(total),
      usedBytes,
      availableBytes,
      capacityPercent:
        capacity === '-'
          ? denominator > 0
            ? Math.ceil((usedBytes / denominator) * 100)
            : 0
          : Number(capacity.slice(0, -1)),
      mountedOn,
    });
  }
  return rows;
}
