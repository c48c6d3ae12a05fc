import { describe, expect, it } from 'vitest';
import { isGlob, matchesGlob } from '../../../src/config/glob.js';

describe('glob matching of context names', () => {
  it.each([
    ['prod-eu', 'prod-*', true],
    ['prod-', 'prod-*', true],
    ['staging', 'prod-*', false],
    ['web-1', 'web-?', true],
    ['web-10', 'web-?', false],
    ['a.b', 'a.b', true],
    ['axb', 'a.b', false],
    ['a+b', 'a+b', true],
    ['Prod-eu', 'prod-*', false],
  ])('%s vs %s → %s', (name, pattern, expected) => {
    expect(matchesGlob(name, pattern)).toBe(expected);
  });

  it('knows which arguments are globs', () => {
    expect(isGlob('prod-*')).toBe(true);
    expect(isGlob('web-?')).toBe(true);
    expect(isGlob('prod')).toBe(false);
  });
});
