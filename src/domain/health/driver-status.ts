/**
 * `DriverStatus` is human text whose row order and spelling changed across Docker releases,
 * so rows are found by label (case- and space-insensitive), never by position.
 */
export type RowLookup = (label: string) => string | undefined;

function normaliseLabel(label: string): string {
  return label.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** A lookup of rows by label; the first row wins when a label repeats. */
export function rowsByLabel(rows: ReadonlyArray<readonly [string, string]>): RowLookup {
  const byLabel = new Map<string, string>();
  for (const [label, value] of rows) {
    const key = normaliseLabel(label);
    if (!byLabel.has(key)) byLabel.set(key, value.trim());
  }
  return (label) => byLabel.get(normaliseLabel(label));
}

/** `true`/`false` as the daemon prints them; undefined for anything else (including absence). */
export function parseBoolText(text: string | undefined): boolean | undefined {
  const t = text?.trim().toLowerCase();
  if (t === 'true') return true;
  if (t === 'false') return false;
  return undefined;
}

/** A non-empty value, or undefined (1.12 prints `Data file` with an empty value on direct-lvm). */
export function nonEmpty(text: string | undefined): string | undefined {
  return text === undefined || text.trim() === '' ? undefined : text.trim();
}
