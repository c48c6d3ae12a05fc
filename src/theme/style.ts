import { nearestAnsi16, nearestXterm256, parseHex, xterm256ToRgb } from './color-math.js';
import type { ColorMode } from './color-mode.js';

export const ANSI16_NAMES = [
  'black',
  'red',
  'green',
  'yellow',
  'blue',
  'magenta',
  'cyan',
  'white',
  'brightBlack',
  'brightRed',
  'brightGreen',
  'brightYellow',
  'brightBlue',
  'brightMagenta',
  'brightCyan',
  'brightWhite',
] as const;

/** A colour as themes write it, parsed. `default` = the terminal's own colour. */
export type Color =
  | { kind: 'default' }
  | { kind: 'ansi16'; index: number }
  | { kind: 'xterm256'; index: number }
  | { kind: 'rgb'; r: number; g: number; b: number };

export interface Style {
  color?: Color;
  bold?: boolean;
  dim?: boolean;
  inverse?: boolean;
  underline?: boolean;
}

/** Parses `#rrggbb`, `0`–`255`, an ANSI name (`red`, `brightBlue`, `gray`) or `default`. */
export function parseColor(spec: string | number): Color | undefined {
  if (typeof spec === 'number') {
    return Number.isInteger(spec) && spec >= 0 && spec <= 255 ? { kind: 'xterm256', index: spec } : undefined;
  }
  if (spec === 'default') return { kind: 'default' };
  const rgb = parseHex(spec);
  if (rgb) return { kind: 'rgb', ...rgb };
  if (/^\d{1,3}$/.test(spec)) return parseColor(Number(spec));
  const name = spec === 'gray' || spec === 'grey' ? 'brightBlack' : spec;
  const index = (ANSI16_NAMES as readonly string[]).indexOf(name);
  return index >= 0 ? { kind: 'ansi16', index } : undefined;
}

function ansi16Code(index: number, layer: 'fg' | 'bg'): string {
  const base = layer === 'fg' ? (index < 8 ? 30 : 90) : index < 8 ? 40 : 100;
  return String(base + (index % 8));
}

/** The SGR parameters for one colour on one layer, degraded to what the mode allows. */
export function colorCode(color: Color, layer: 'fg' | 'bg', mode: ColorMode): string | undefined {
  if (mode === 'none' || color.kind === 'default') return undefined;
  const extended = layer === 'fg' ? '38' : '48';
  switch (color.kind) {
    case 'ansi16':
      return ansi16Code(color.index, layer);
    case 'xterm256':
      if (mode === 'ansi16') return ansi16Code(nearestAnsi16(xterm256ToRgb(color.index)), layer);
      return `${extended};5;${color.index}`;
    case 'rgb':
      if (mode === 'truecolor') return `${extended};2;${color.r};${color.g};${color.b}`;
      if (mode === 'ansi256') return `${extended};5;${nearestXterm256(color)}`;
      return ansi16Code(nearestAnsi16(color), layer);
  }
}

/** Wraps text in SGR codes for a foreground and an optional background style. Plain text in `none`. */
export function paintText(
  text: string,
  mode: ColorMode,
  fg?: Style,
  bg?: Style,
  bold?: boolean,
  inverse?: boolean,
): string {
  if (mode === 'none' || text === '') return text;
  const codes: string[] = [];
  if (bold || fg?.bold || bg?.bold) codes.push('1');
  if (fg?.dim) codes.push('2');
  if (fg?.underline) codes.push('4');
  if (inverse || fg?.inverse || bg?.inverse) codes.push('7');
  const fgCode = fg?.color ? colorCode(fg.color, 'fg', mode) : undefined;
  if (fgCode) codes.push(fgCode);
  const bgCode = bg?.color ? colorCode(bg.color, 'bg', mode) : undefined;
  if (bgCode) codes.push(bgCode);
  if (codes.length === 0) return text;
  return `\x1b[${codes.join(';')}m${text}\x1b[0m`;
}
