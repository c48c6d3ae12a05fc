import { describe, expect, it } from 'vitest';
import { BLOCK_ROWS, blockText, blockTextWidth } from '../../../src/domain/text/block-digits.js';
import { displayWidth } from '../../../src/domain/text/width.js';

describe('block digits', () => {
  it('draws every digit in 3 rows of 3 box characters, one column apart', () => {
    const rows = blockText('0123456789');
    expect(rows).toHaveLength(BLOCK_ROWS);
    expect(rows).toEqual([
      '┌─┐ ╶┐  ╶─┐ ╶─┐ ╷ ╷ ┌─╴ ┌─╴ ╶─┐ ┌─┐ ┌─┐',
      '│ │  │  ┌─┘  ─┤ └─┤ └─┐ ├─┐   │ ├─┤ └─┤',
      '└─┘ ╶┴╴ └─╴ ╶─┘   ╵ ╶─┘ └─┘   ╵ └─┘ ╶─┘',
    ]);
    for (const row of rows) expect(row).toMatch(/^[\u2500-\u257f ]+$/);
  });

  it('draws a headline count like 7/8 with rows of equal width, as wide as it says', () => {
    const rows = blockText('7/8');
    expect(rows).toEqual(['╶─┐   ╱ ┌─┐', '  │  ╱  ├─┤', '  ╵ ╱   └─┘']);
    for (const row of rows) expect(displayWidth(row)).toBe(blockTextWidth('7/8'));
    expect(blockTextWidth('7/8')).toBe(11);
  });

  it('keeps other characters readable on the middle row, wide ones as ?', () => {
    expect(blockText('5%')).toEqual(['┌─╴  ', '└─┐ %', '╶─┘  ']);
    expect(blockText('1界')[1]).toBe(' │  ?');
    for (const row of blockText('1界')) expect(displayWidth(row)).toBe(blockTextWidth('1界'));
  });

  it('is empty for empty text', () => {
    expect(blockText('')).toEqual([]);
    expect(blockTextWidth('')).toBe(0);
  });
});
