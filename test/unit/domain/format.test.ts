import { describe, expect, it } from 'vitest';
import {
  fitToWidth,
  formatBytes,
  formatBytesShort,
  formatDuration,
  formatPercent,
  formatPercentCell,
  formatTimeOfDay,
  formatWait,
  percentOf,
  percentSuffix,
  utcSeconds,
} from '../../../src/domain/format/index.js';

describe('formatBytes (decimal SI, as Docker prints sizes)', () => {
  it.each([
    [3_965_000_000, '3.97 GB'],
    [10_740_000_000, '10.74 GB'],
    [61_200_000_000, '61.2 GB'],
    [512, '512 B'],
    [65_540, '65.54 kB'],
    [0, '0 B'],
    [16 * 1024 * 1024, '16.78 MB'],
  ])('%d → %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });
  it('says - when the size is unknown', () => {
    expect(formatBytes(undefined)).toBe('-');
    expect(formatBytes(Number.NaN)).toBe('-');
  });
});

describe('formatBytesShort (the same units in at most five columns)', () => {
  it.each([
    [512, '512B'],
    [1536, '1.5kB'],
    [300_000_000, '300MB'],
    [2_000_000_000, '2.0GB'],
    [16_000_000_000, '16GB'],
    [999_700, '1.0MB'],
    [0, '0B'],
  ])('%d → %s', (bytes, text) => {
    expect(formatBytesShort(bytes)).toBe(text);
    expect(formatBytesShort(bytes).length).toBeLessThanOrEqual(5);
  });
  it.each([[undefined], [-1], [Number.POSITIVE_INFINITY]])('%s → -', (bytes) => {
    expect(formatBytesShort(bytes)).toBe('-');
  });
  it('reads the same as the full form of the same figure', () => {
    expect(formatBytesShort(3_965_000_000)).toBe('4.0GB');
    expect(formatBytes(3_965_000_000)).toBe('3.97 GB');
  });
});

describe('percentages', () => {
  it('are undefined when a part is unknown or the total is zero', () => {
    expect(percentOf(1, undefined)).toBeUndefined();
    expect(percentOf(undefined, 10)).toBeUndefined();
    expect(percentOf(1, 0)).toBeUndefined();
    expect(percentOf(25, 100)).toBe(25);
  });
  it('print with one decimal at most in sentences', () => {
    expect(formatPercent(96.308)).toBe('96.3%');
    expect(formatPercent(25)).toBe('25%');
  });
  it('keep a steady width in cells', () => {
    expect(formatPercentCell(12.5)).toBe('12.5%');
    expect(formatPercentCell(3)).toBe('3.0%');
    expect(formatPercentCell(250)).toBe('250%');
    expect(formatPercentCell(undefined)).toBe('-');
  });
  it('follow a used-of-total figure as a whole percent', () => {
    expect(percentSuffix(3, 4)).toBe(' (75%)');
    expect(percentSuffix(undefined, 4)).toBe('');
    expect(percentSuffix(1, 0)).toBe('');
  });
});

describe('durations', () => {
  it.each([
    [0, '0s'],
    [42_000, '42s'],
    [5 * 60_000, '5m'],
    [3 * 3_600_000, '3h'],
    [36 * 3_600_000, '36h'],
    [12 * 86_400_000, '12d'],
    [-5, '0s'],
  ])('%d ms → %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
  it('waits read in ms below a second', () => {
    expect(formatWait(250)).toBe('250 ms');
    expect(formatWait(12_400)).toBe('12 s');
  });
  it('a time of day is zero-padded', () => {
    expect(formatTimeOfDay(9, 3, 7)).toBe('09:03:07');
  });
});

describe('fitToWidth', () => {
  it('pads and cuts ASCII exactly as wide as asked', () => {
    expect(fitToWidth('abcdef', 4)).toBe('abc…');
    expect(fitToWidth('ab', 4, 'right')).toBe('  ab');
    expect(fitToWidth('abc', 1)).toBe('…');
    expect(fitToWidth('abc', 0)).toBe('');
  });
  it('measures wide characters in columns', () => {
    expect(fitToWidth('日本語', 4)).toBe('日… ');
    expect(fitToWidth('日本', 6)).toBe('日本  ');
  });
});

describe('utcSeconds (calendar arithmetic, no Date in domain/)', () => {
  it('agrees with Date over leap years, centuries and day edges', () => {
    const samples = [
      0, 951_782_400_000, 951_868_799_999, 1_709_164_800_000, 4_107_542_399_000, -1, 86_399_999,
    ];
    for (let ms = -2_208_988_800_000; ms < 4_102_444_800_000; ms += 7_777_777_777) samples.push(ms);
    for (const ms of samples) expect(utcSeconds(ms)).toBe(new Date(ms).toISOString().slice(0, 19));
  });
});
