import { describe, expect, it } from 'vitest';
import { formatBytes, formatPercent, parseByteSize, percentOf } from '../../../src/domain/health/bytes.js';

describe('parseByteSize', () => {
  it.each([
    ['65.54 kB', 65_540],
    ['65.54kB', 65_540],
    ['524.3 kB', 524_300],
    ['0B', 0],
    ['0 B', 0],
    ['10.74GB', 10_740_000_000],
    ['10.74 GB', 10_740_000_000],
    ['3.965GB', 3_965_000_000],
    ['2.13GB', 2_130_000_000],
    ['994.1MB', 994_100_000],
    ['107.4 GB', 107_400_000_000],
    ['1.5 TB', 1_500_000_000_000],
    ['1.2 GiB', Math.round(1.2 * 2 ** 30)],
    ['512MiB', 512 * 2 ** 20],
    ['4 KiB', 4096],
    ['1048576', 1_048_576],
    ['17.9 mb', 17_900_000],
  ])('%s → %d bytes', (text, bytes) => {
    expect(parseByteSize(text)).toBe(bytes);
  });

  it.each([[''], ['n/a'], ['12 parsecs'], ['-1 GB'], [undefined]])('%s is unreadable, not zero', (text) => {
    expect(parseByteSize(text)).toBeUndefined();
  });
});

describe('formatBytes', () => {
  it.each([
    [3_965_000_000, '3.97 GB'],
    [10_740_000_000, '10.74 GB'],
    [61_200_000_000, '61.2 GB'],
    [512, '512 B'],
    [65_540, '65.54 kB'],
    [0, '0 B'],
  ])('%d → %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });
});

describe('percentages', () => {
  it('are undefined when a part is unknown or the total is zero', () => {
    expect(percentOf(1, undefined)).toBeUndefined();
    expect(percentOf(undefined, 10)).toBeUndefined();
    expect(percentOf(1, 0)).toBeUndefined();
    expect(percentOf(25, 100)).toBe(25);
  });
  it('print with one decimal at most', () => {
    expect(formatPercent(96.308)).toBe('96.3%');
    expect(formatPercent(25)).toBe('25%');
  });
});
