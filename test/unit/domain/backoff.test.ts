import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../../src/util/backoff.js';

describe('backoffDelay', () => {
  const opts = (r: number) => ({ initialMs: 100, maxMs: 1000, factor: 2, random: () => r });
  it('grows exponentially, is capped, and jitters within [ceiling/2, ceiling]', () => {
    expect(backoffDelay(0, opts(0))).toBe(50);
    expect(backoffDelay(0, opts(0.999))).toBe(100);
    expect(backoffDelay(3, opts(1))).toBe(800);
    expect(backoffDelay(10, opts(1))).toBe(1000);
    expect(backoffDelay(10, opts(0))).toBe(500);
  });
});
