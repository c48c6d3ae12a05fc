import { describe, expect, it } from 'vitest';
import type { LogLine } from '../../../src/domain/logs/log-line.js';
import { ResumeFilter } from '../../../src/domain/logs/resume-filter.js';

const l = (ts: number, text: string): LogLine => ({
  kind: 'line',
  source: 's',
  stream: 'stdout',
  tsNs: BigInt(ts),
  ts: String(ts),
  text,
});

describe('ResumeFilter', () => {
  it('drops replayed lines and keeps unseen ones sharing the last timestamp', () => {
    const f = new ResumeFilter();
    const first = [l(1, 'a'), l(2, 'b'), l(2, 'c')].filter((x) => f.accept(x));
    expect(first.map((x) => x.text)).toEqual(['a', 'b', 'c']);
    f.beginResume();
    // Docker replays from `since` (inclusive): b and c again, then d (same ts, never seen), then e.
    const replay = [l(2, 'b'), l(2, 'c'), l(2, 'd'), l(3, 'e')].filter((x) => f.accept(x));
    expect(replay.map((x) => x.text)).toEqual(['d', 'e']);
    expect(f.lastSeenNs).toBe(3n);
  });

  it('drops lines older than the last seen when since was rounded down', () => {
    const f = new ResumeFilter();
    f.accept(l(10, 'x'));
    f.beginResume();
    expect([l(9, 'old'), l(10, 'x'), l(11, 'y')].filter((x) => f.accept(x)).map((x) => x.text)).toEqual([
      'y',
    ]);
  });
});
