import { describe, expect, it } from 'vitest';
import { parseByteSize } from '../../../src/domain/health/bytes.js';

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
