import { describe, expect, it } from 'vitest';
import { aroundDifference } from '../../../src/ui/views/details/compare-lines.js';

describe('aroundDifference', () => {
  it('keeps short values whole', () => {
    expect(aroundDifference('web', 'api', 20)).toEqual(['web', 'api']);
  });

  it('cuts the common start of long values that part late, so the cut shows where they differ', () => {
    const head = 'sh -c "trap \'echo \\"';
    const a = `${head}web-1: got SIGTERM, shutting down\\"; exit 0' TERM"`;
    const b = `${head}web-2: got SIGTERM, shutting down\\"; exit 0' TERM"`;
    const [l, r] = aroundDifference(`${'x'.repeat(40)}${a}`, `${'x'.repeat(40)}${b}`, 30);
    expect(l.startsWith('…')).toBe(true);
    expect(l.slice(0, 30)).toContain('web-1');
    expect(r.slice(0, 30)).toContain('web-2');
  });

  it('leaves values alone when they part within the first columns', () => {
    const a = `a${'y'.repeat(50)}`;
    const b = `b${'y'.repeat(50)}`;
    expect(aroundDifference(a, b, 30)).toEqual([a, b]);
  });
});
