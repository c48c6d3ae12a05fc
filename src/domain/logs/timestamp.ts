export interface TimestampSplit {
  tsNs?: bigint;
  ts: string;
  rest: string;
}

// Docker prints RFC3339Nano: trailing zeros of the fraction are trimmed, the zone is `Z` in practice
// but an offset is valid RFC3339 and handled too.
const PREFIX = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2}) ?/;

/** Splits the `timestamps=true` prefix off a line. Lines without one come back with `tsNs` undefined. */
export function splitTimestamp(line: string): TimestampSplit {
  const m = PREFIX.exec(line);
  if (!m) return { ts: '', rest: line };
  const tsNs = parseRfc3339Nano(m[1] ?? '', m[2] ?? '', m[3] ?? 'Z');
  if (tsNs === undefined) return { ts: '', rest: line };
  return { tsNs, ts: m[0].trimEnd(), rest: line.slice(m[0].length) };
}

function parseRfc3339Nano(seconds: string, fraction: string, zone: string): bigint | undefined {
  const ms = Date.parse(`${seconds}${zone}`);
  if (Number.isNaN(ms)) return undefined;
  return BigInt(ms) * 1_000_000n + BigInt(fraction.padEnd(9, '0') || '0');
}

/** Parses a full RFC3339(Nano) time to epoch ns, or undefined. */
export function parseTimestamp(text: string): bigint | undefined {
  const m = PREFIX.exec(text.trim());
  if (!m || m[0].trimEnd().length !== text.trim().length) return undefined;
  return parseRfc3339Nano(m[1] ?? '', m[2] ?? '', m[3] ?? 'Z');
}

/**
 * The `since` to ask Docker for when resuming after `lastNs`: Docker's since is inclusive but travels
 * as fractional seconds in a double, so ask from one microsecond earlier and let the caller drop
 * what it has already seen.
 */
export function resumeSinceSeconds(lastNs: bigint): number {
  const micros = lastNs / 1000n - 1n;
  return Number(micros) / 1e6;
}
