import { describe, expect, it } from 'vitest';
import { firstCheckDelayMs } from '../../../src/fleet/health/stagger.js';

describe('firstCheckDelayMs', () => {
  it('checks a lone host, and the first of many, at once', () => {
    expect(firstCheckDelayMs(0, 1, 60_000, 250)).toBe(0);
    expect(firstCheckDelayMs(0, 100, 60_000, 250)).toBe(0);
  });
  it('spreads n hosts over n × perHost, never beyond the interval', () => {
    expect(firstCheckDelayMs(50, 100, 60_000, 250)).toBe(12_500);
    expect(firstCheckDelayMs(99, 100, 60_000, 250)).toBe(24_750);
    expect(firstCheckDelayMs(150, 300, 60_000, 250)).toBe(30_000);
    expect(firstCheckDelayMs(299, 300, 15_000, 250)).toBeLessThan(15_000);
    expect(firstCheckDelayMs(4, 8, 15_000, 250)).toBe(1_000);
  });
  it('is off with perHost 0', () => {
    expect(firstCheckDelayMs(7, 8, 60_000, 0)).toBe(0);
  });
});
