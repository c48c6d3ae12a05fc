import { describe, expect, it } from 'vitest';
import { nearestAnsi16, nearestXterm256, parseHex } from '../../../src/theme/index.js';
import { colorCode, parseColor, paintText } from '../../../src/theme/style.js';

describe('colour degradation', () => {
  it('maps exact cube and grey colours to their xterm-256 index', () => {
    expect(nearestXterm256({ r: 255, g: 0, b: 0 })).toBe(196);
    expect(nearestXterm256({ r: 0x5f, g: 0xd7, b: 0x5f })).toBe(77);
    expect(nearestXterm256({ r: 0x30, g: 0x30, b: 0x30 })).toBe(236);
    expect(nearestXterm256({ r: 0, g: 0, b: 0 })).toBe(16);
  });

  it('maps colours to the nearest ANSI-16 colour', () => {
    expect(nearestAnsi16({ r: 250, g: 10, b: 10 })).toBe(9);
    expect(nearestAnsi16({ r: 0, g: 180, b: 0 })).toBe(2);
    expect(nearestAnsi16({ r: 20, g: 20, b: 20 })).toBe(0);
    expect(nearestAnsi16({ r: 250, g: 250, b: 250 })).toBe(15);
  });

  it('emits truecolor, 256 or 16 colour codes depending on the mode', () => {
    const red = parseColor('#ff0000');
    expect(red).toBeDefined();
    if (!red) return;
    expect(colorCode(red, 'fg', 'truecolor')).toBe('38;2;255;0;0');
    expect(colorCode(red, 'fg', 'ansi256')).toBe('38;5;196');
    expect(colorCode(red, 'bg', 'ansi16')).toBe('101');
    expect(colorCode(red, 'fg', 'none')).toBeUndefined();
  });

  it('paints nothing in mode none, not even attributes', () => {
    expect(paintText('x', 'none', { bold: true, inverse: true })).toBe('x');
    expect(paintText('x', 'ansi16', { bold: true })).toBe('\x1b[1mx\x1b[0m');
  });

  it('parses colour specs and rejects junk', () => {
    expect(parseHex('#12345')).toBeUndefined();
    expect(parseColor('brightBlue')).toEqual({ kind: 'ansi16', index: 12 });
    expect(parseColor(300)).toBeUndefined();
    expect(parseColor('chartreuse')).toBeUndefined();
  });
});
