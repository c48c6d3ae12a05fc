import { nearestAnsi16, nearestXterm256, xterm256ToRgb } from '../../theme/color-math.js';
import type { Color, Theme, ThemeToken } from '../../theme/index.js';
import type { LogsPaneColors } from './colors.js';

// chalk's names, which Ink's `color` prop accepts, for ANSI indices 0–15.
const CHALK_ANSI16 = [
  'black',
  'red',
  'green',
  'yellow',
  'blue',
  'magenta',
  'cyan',
  'white',
  'blackBright',
  'redBright',
  'greenBright',
  'yellowBright',
  'blueBright',
  'magentaBright',
  'cyanBright',
  'whiteBright',
] as const;

const SOURCE_TOKENS: readonly ThemeToken[] = [
  'log.source1',
  'log.source2',
  'log.source3',
  'log.source4',
  'log.source5',
  'log.source6',
];

/**
 * A theme colour as an Ink colour string, degraded to the theme's colour mode like `theme.paint`
 * does, so `--color never` and 16-colour terminals get what the rest of the dashboard gets.
 * Undefined: no colour (mode none, `default`, or an attribute-only token as in the mono theme).
 */
export function inkColor(color: Color | undefined, mode: Theme['mode']): string | undefined {
  if (!color || mode === 'none' || color.kind === 'default') return undefined;
  const ansi16 = (index: number): string | undefined => CHALK_ANSI16[index];
  switch (color.kind) {
    case 'ansi16':
      return ansi16(color.index);
    case 'xterm256':
      return mode === 'ansi16'
        ? ansi16(nearestAnsi16(xterm256ToRgb(color.index)))
        : `ansi256(${color.index})`;
    case 'rgb': {
      if (mode === 'ansi16') return ansi16(nearestAnsi16(color));
      if (mode === 'ansi256') return `ansi256(${nearestXterm256(color)})`;
      const hex = (n: number): string => n.toString(16).padStart(2, '0');
      return `#${hex(color.r)}${hex(color.g)}${hex(color.b)}`;
    }
  }
}

/** The logs pane's colours from the theme's `log.*` tokens. */
export function logsPaneColors(theme: Theme): LogsPaneColors {
  const of = (token: ThemeToken): string | undefined => inkColor(theme.styles[token].color, theme.mode);
  return {
    stderr: of('log.stderr'),
    match: of('log.match'),
    notice: of('log.notice'),
    sources: SOURCE_TOKENS.map(of),
  };
}
