/** `part / total` as a percentage, undefined when either is unknown or total is 0. */
export function percentOf(part: number | undefined, total: number | undefined): number | undefined {
  if (part === undefined || total === undefined || total <= 0) return undefined;
  return (part / total) * 100;
}

/** A percentage in a sentence, one decimal at most: `96.3%`, `25%`. */
export function formatPercent(percent: number): string {
  return `${Number(percent.toFixed(1))}%`;
}

/** A percentage in a table cell, steady width: `12.0%`, `100%`; `-` when unknown. */
export function formatPercentCell(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return '-';
  return `${value < 100 ? value.toFixed(1) : value.toFixed(0)}%`;
}

/** ` (75%)` after a `used of total` figure, whole percent; empty when it cannot be known. */
export function percentSuffix(used: number | undefined, total: number | undefined): string {
  return used !== undefined && total ? ` (${Math.round((used / total) * 100)}%)` : '';
}
