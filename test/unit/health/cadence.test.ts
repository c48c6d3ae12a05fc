import { describe, expect, it } from 'vitest';
import { fleetCadenceMs } from '../../../src/fleet/health/cadence.js';

describe('fleetCadenceMs', () => {
  it('keeps the base interval for a small fleet', () => {
    expect(fleetCadenceMs(15_000, 8, 400)).toBe(15_000);
    expect(fleetCadenceMs(60_000, 1, 1_000)).toBe(60_000);
  });
  it('stretches so the fleet asks at most one read per perHost', () => {
    expect(fleetCadenceMs(15_000, 100, 400)).toBe(40_000);
    expect(fleetCadenceMs(15_000, 300, 400)).toBe(120_000);
    expect(fleetCadenceMs(60_000, 300, 1_000)).toBe(300_000);
  });
  it('is off with perHost 0, and an interval of 0 stays off', () => {
    expect(fleetCadenceMs(15_000, 300, 0)).toBe(15_000);
    expect(fleetCadenceMs(0, 300, 400)).toBe(0);
  });
});
