export interface SearchSpec {
  query: string;
  caseInsensitive: boolean;
}

export type CompiledSearch = { ok: true; re: RegExp } | { ok: false; error: string };

/** The query as a regex; an invalid one is reported (the UI shows why) instead of throwing. */
export function compileSearch(spec: SearchSpec): CompiledSearch | undefined {
  if (spec.query === '') return undefined;
  try {
    return { ok: true, re: new RegExp(spec.query, spec.caseInsensitive ? 'gi' : 'g') };
  } catch (err) {
    return { ok: false, error: `invalid search pattern /${spec.query}/: ${(err as Error).message}` };
  }
}

export interface MatchRange {
  start: number;
  end: number;
}

/** Non-overlapping match ranges; empty matches (e.g. `a*`) are skipped so highlighting terminates. */
export function findMatches(text: string, re: RegExp): MatchRange[] {
  const out: MatchRange[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    out.push({ start: m.index, end: m.index + m[0].length });
  }
  return out;
}

export function lineMatches(text: string, re: RegExp): boolean {
  re.lastIndex = 0;
  const m = re.exec(text);
  re.lastIndex = 0;
  return m !== null && m[0].length > 0;
}

export interface TextSegment {
  text: string;
  match: boolean;
}

/** Splits text into plain and matching runs, for highlighting. */
export function segmentText(text: string, ranges: readonly MatchRange[]): TextSegment[] {
  const out: TextSegment[] = [];
  let pos = 0;
  for (const r of ranges) {
    if (r.start > pos) out.push({ text: text.slice(pos, r.start), match: false });
    out.push({ text: text.slice(r.start, r.end), match: true });
    pos = r.end;
  }
  if (pos < text.length || out.length === 0) out.push({ text: text.slice(pos), match: false });
  return out;
}

/** The first element of sorted `positions` after `current` (wrapping), or undefined when empty. */
export function nextPosition(positions: readonly number[], current: number | undefined): number | undefined {
  if (positions.length === 0) return undefined;
  if (current === undefined) return positions[positions.length - 1];
  return positions.find((p) => p > current) ?? positions[0];
}

/** The last element of sorted `positions` before `current` (wrapping), or undefined when empty. */
export function previousPosition(
  positions: readonly number[],
  current: number | undefined,
): number | undefined {
  if (positions.length === 0) return undefined;
  if (current === undefined) return positions[positions.length - 1];
  for (let i = positions.length - 1; i >= 0; i--) {
    const p = positions[i];
    if (p !== undefined && p < current) return p;
  }
  return positions[positions.length - 1];
}
