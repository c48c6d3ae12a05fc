import { describe, expect, it } from 'vitest';
import { expandTabs, sanitizeLogText } from '../../../src/domain/text/sanitize.js';

describe('sanitizeLogText', () => {
  it('removes colour codes whole', () => {
    expect(sanitizeLogText('\x1b[31;1mred\x1b[0m text')).toBe('red text');
  });

  it('removes cursor moves, screen switches and clears', () => {
    expect(sanitizeLogText('a\x1b[2J\x1b[H\x1b[?1049hb\x1b[10;20Hc')).toBe('abc');
  });

  it('removes OSC title and hyperlink sequences ended by BEL or ST', () => {
    expect(sanitizeLogText('\x1b]0;pwned\x07x\x1b]8;;http://e.vil\x1b\\link\x1b]8;;\x1b\\')).toBe('xlink');
  });

  it('removes 8-bit CSI and other C1 controls', () => {
    expect(sanitizeLogText('a\x9b2Jb\x85c')).toBe('abc');
  });

  it('removes bell, backspace, CR, NUL and DEL but keeps tab', () => {
    expect(sanitizeLogText('a\x07b\x08c\rd\x00e\x7ff\tg')).toBe('abcdef\tg');
  });

  it('removes a dangling ESC at the end', () => {
    expect(sanitizeLogText('tail\x1b')).toBe('tail');
  });

  it('keeps ordinary unicode', () => {
    expect(sanitizeLogText('héllo → 世界 \u{1F600}')).toBe('héllo → 世界 \u{1F600}');
  });

  it('leaves no ESC whatever the input', () => {
    for (let i = 0; i < 500; i++) {
      const chars = Array.from({ length: 20 }, (_, k) => String.fromCharCode((i * 7 + k * 13) % 200));
      const out = sanitizeLogText(chars.join(''));
      // eslint-disable-next-line no-control-regex
      expect(out).not.toMatch(/[\x00-\x08\x0a-\x1f\x7f-\x9f]/);
    }
  });
});

describe('expandTabs', () => {
  it('expands to tab stops', () => {
    expect(expandTabs('ab\tc', 4)).toBe('ab  c');
  });
});
