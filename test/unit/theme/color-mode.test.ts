import { describe, expect, it } from 'vitest';
import { resolveColorMode } from '../../../src/theme/index.js';

const tty = { isTTY: true };

describe('resolveColorMode', () => {
  it('uses the terminal depth on a TTY', () => {
    expect(resolveColorMode({ ...tty, env: { TERM: 'xterm-256color' } })).toBe('ansi256');
    expect(resolveColorMode({ ...tty, env: { TERM: 'xterm', COLORTERM: 'truecolor' } })).toBe('truecolor');
    expect(resolveColorMode({ ...tty, env: { TERM: 'xterm' } })).toBe('ansi16');
    expect(resolveColorMode({ ...tty, env: { TERM: 'dumb' } })).toBe('none');
  });

  it('turns colour off for a non-empty NO_COLOR, but not an empty one', () => {
    expect(resolveColorMode({ ...tty, env: { TERM: 'xterm-256color', NO_COLOR: '1' } })).toBe('none');
    expect(resolveColorMode({ ...tty, env: { TERM: 'xterm-256color', NO_COLOR: '' } })).toBe('ansi256');
  });

  it('is off when not a TTY unless forced', () => {
    expect(resolveColorMode({ isTTY: false, env: { TERM: 'xterm-256color' } })).toBe('none');
    expect(resolveColorMode({ isTTY: false, env: { FORCE_COLOR: '2' } })).toBe('ansi256');
    expect(resolveColorMode({ isTTY: false, env: { FORCE_COLOR: '3' } })).toBe('truecolor');
    expect(resolveColorMode({ isTTY: true, env: { TERM: 'xterm-256color', FORCE_COLOR: '0' } })).toBe('none');
  });

  it('lets the --color flag win over the environment', () => {
    expect(resolveColorMode({ flag: 'never', ...tty, env: { FORCE_COLOR: '3' } })).toBe('none');
    expect(
      resolveColorMode({ flag: 'always', isTTY: false, env: { NO_COLOR: '1', TERM: 'xterm-256color' } }),
    ).toBe('ansi256');
    expect(resolveColorMode({ flag: 'auto', isTTY: false, env: {} })).toBe('none');
  });
});
