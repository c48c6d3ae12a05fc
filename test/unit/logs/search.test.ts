import { describe, expect, it } from 'vitest';
import {
  compileSearch,
  findMatches,
  lineMatches,
  nextPosition,
  previousPosition,
  segmentText,
} from '../../../src/domain/logs/search.js';

describe('search', () => {
  it('compiles a regex, case-insensitive on request', () => {
    const c = compileSearch({ query: 'err(or)?', caseInsensitive: true });
    expect(c?.ok).toBe(true);
    if (c?.ok) {
      expect(lineMatches('An ERROR here', c.re)).toBe(true);
      expect(lineMatches('fine', c.re)).toBe(false);
    }
    const cs = compileSearch({ query: 'err', caseInsensitive: false });
    if (cs?.ok) expect(lineMatches('ERR', cs.re)).toBe(false);
  });

  it('reports an invalid pattern instead of throwing', () => {
    const c = compileSearch({ query: 'a(', caseInsensitive: false });
    expect(c?.ok).toBe(false);
    if (c && !c.ok) expect(c.error).toContain('invalid search pattern /a(/');
  });

  it('has no search for an empty query', () => {
    expect(compileSearch({ query: '', caseInsensitive: true })).toBeUndefined();
  });

  it('finds all ranges and segments text for highlighting', () => {
    const re = /o/g;
    const ranges = findMatches('foo bo', re);
    expect(ranges).toEqual([
      { start: 1, end: 2 },
      { start: 2, end: 3 },
      { start: 5, end: 6 },
    ]);
    expect(
      segmentText('foo bo', ranges)
        .map((s) => (s.match ? `[${s.text}]` : s.text))
        .join(''),
    ).toBe('f[o][o] b[o]');
  });

  it('terminates on patterns matching the empty string', () => {
    expect(findMatches('abc', /x*/g)).toEqual([]);
    expect(lineMatches('abc', /x*/g)).toBe(false);
  });

  it('moves to next and previous positions with wrap-around', () => {
    const p = [3, 8, 20];
    expect(nextPosition(p, 8)).toBe(20);
    expect(nextPosition(p, 20)).toBe(3);
    expect(previousPosition(p, 8)).toBe(3);
    expect(previousPosition(p, 3)).toBe(20);
    expect(nextPosition([], 1)).toBeUndefined();
    expect(previousPosition(p, undefined)).toBe(20);
  });
});
