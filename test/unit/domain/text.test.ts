import { describe, expect, it } from 'vitest';
import { sanitizeLine, sanitizeText } from '../../../src/domain/text/sanitize.js';
import { displayWidth, fitToWidth, truncateToWidth } from '../../../src/domain/text/width.js';

describe('sanitizeText', () => {
  it('removes a window-title OSC, a screen switch and colour codes whole', () => {
    expect(sanitizeText('web\x1b]0;pwned\x07-1')).toBe('web-1');
    expect(sanitizeText('\x1b[?1049lweb')).toBe('web');
    expect(sanitizeText('\x1b[31mred\x1b[0m')).toBe('red');
  });

  it('drops bidi overrides that would reorder a confirmation text', () => {
    expect(sanitizeText('restart \u202eBEW\u202c now')).toBe('restart BEW now');
  });

  it('drops C0/C1 controls; sanitizeLine turns newlines and tabs into one space', () => {
    expect(sanitizeText('a\x07b\x85c\x9b2Jd')).toBe('abcd');
    expect(sanitizeLine('type yes\r\nto confirm\tnow')).toBe('type yes to confirm now');
  });
});

describe('display width', () => {
  it('measures CJK and emoji as two columns', () => {
    expect(displayWidth('支払いサービス-api')).toBe(18);
    expect(displayWidth('web🚀')).toBe(5);
  });

  it('fits to exactly the width, never cutting a wide character in half', () => {
    const cell = fitToWidth('支払いサービス-api', 10);
    expect(displayWidth(cell)).toBe(10);
    expect(cell).toBe('支払いサ… ');
    expect(fitToWidth('web', 6, 'right')).toBe('   web');
    expect(truncateToWidth('👍🏽👍🏽👍🏽', 4)).toBe('👍🏽… ');
  });

  it('keeps text that fits as it is', () => {
    expect(truncateToWidth('web-1', 5)).toBe('web-1');
    expect(fitToWidth('web-1', 0)).toBe('');
  });
});
