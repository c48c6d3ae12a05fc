/*
 * Byte sizes, one convention everywhere: decimal SI (1 kB = 1000 B), as Docker prints sizes
 * (`docker images`, `docker system df`, `docker info`), so a figure on screen reads the same as
 * the one a user sees from Docker for the same disk. Two renderings of the same units: a full one
 * for sentences and findings, a compact one for narrow table cells.
 */

const UNITS = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB'] as const;

function scaled(bytes: number): { value: number; unit: number } {
  let value = Math.abs(bytes);
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return { value, unit };
}

/** At most two decimals, a space before the unit: `3.97 GB`, `10.74 GB`, `512 B`; `-` when unknown. */
export function formatBytes(bytes: number | undefined): string {
  if (bytes === undefined || !Number.isFinite(bytes)) return '-';
  const { value, unit } = scaled(bytes);
  const scale = unit === 0 ? 1 : 100;
  // toPrecision first: 3.965 × 100 is 396.4999… in binary, and people expect 3.97.
  const shown = (Math.round(Number((value * scale).toPrecision(12))) / scale).toString();
  return `${bytes < 0 ? '-' : ''}${shown} ${UNITS[unit] ?? 'B'}`;
}

/**
 * At most five columns for table cells: `512B`, `1.5kB`, `230MB`, `12GB`; `-` when unknown.
 * One decimal below 10 of a unit, none above.
 */
export function formatBytesShort(bytes: number | undefined): string {
  if (bytes === undefined || !Number.isFinite(bytes) || bytes < 0) return '-';
  const { value, unit } = scaled(bytes);
  const digits = value < 10 && unit > 0 ? 1 : 0;
  // 999.7 kB would print as "1000kB", one column too many: it is 1.0MB.
  if (Number(value.toFixed(digits)) >= 1000 && unit < UNITS.length - 1) return `1.0${UNITS[unit + 1]}`;
  return `${value.toFixed(digits)}${UNITS[unit] ?? 'B'}`;
}
