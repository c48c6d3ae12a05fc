import type { ColorMode } from './color-mode.js';
import {
  badThemeNameWarning,
  isThemeName,
  listThemes,
  loadTheme,
  themeNotFoundWarning,
  type LoadedTheme,
} from './load.js';
import { DEFAULT_THEME_NAME } from './tokens.js';

/** Every theme the user can switch to, read once: `:theme NAME` then reads no file on a key press. */
export interface ThemeCatalog {
  names: readonly string[];
  /** The theme of that name, or the default with the warning `loadTheme` would give. */
  load(name: string): LoadedTheme;
}

export function loadThemeCatalog(opts: {
  userDir?: string | undefined;
  colorMode: ColorMode;
  builtinDir?: string | undefined;
}): ThemeCatalog {
  const names = listThemes(opts.userDir, opts.builtinDir);
  const loaded = new Map<string, LoadedTheme>();
  for (const name of [...names, DEFAULT_THEME_NAME]) {
    if (!loaded.has(name))
      loaded.set(
        name,
        loadTheme({ name, userDir: opts.userDir, colorMode: opts.colorMode, builtinDir: opts.builtinDir }),
      );
  }
  const fallback = loaded.get(DEFAULT_THEME_NAME) as LoadedTheme;
  return {
    names,
    load(name) {
      const known = loaded.get(name);
      if (known) return known;
      const warning = isThemeName(name) ? themeNotFoundWarning(name, names) : badThemeNameWarning(name);
      return { theme: fallback.theme, warnings: [warning, ...fallback.warnings] };
    },
  };
}
