export { loadThemeCatalog, type ThemeCatalog } from './catalog.js';
export { resolveColorMode, type ColorMode, type ColorFlag, type ColorModeInput } from './color-mode.js';
export {
  loadTheme,
  listThemes,
  builtinThemesDir,
  plainTheme,
  makeTheme,
  type Theme,
  type LoadedTheme,
  type LoadThemeOptions,
  type PaintOptions,
} from './load.js';
export { THEME_TOKENS, BUILTIN_THEME_NAMES, DEFAULT_THEME_NAME, type ThemeToken } from './tokens.js';
export { nearestAnsi16, nearestXterm256, parseHex, type Rgb } from './color-math.js';
export { parseColor, paintText, colorCode, type Color, type Style } from './style.js';
