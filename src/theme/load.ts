import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import type { ColorMode } from './color-mode.js';
import { describeThemeIssues, themeFileSchema, type ThemeFile, type TokenValue } from './schema.js';
import { paintText, parseColor, type Style } from './style.js';
import { DEFAULT_THEME_NAME, THEME_TOKENS, type ThemeToken } from './tokens.js';

export interface PaintOptions {
  bg?: ThemeToken | undefined;
  bold?: boolean | undefined;
  /** Swap foreground and background: a solid block in the token's colour (wallboard tiles). */
  inverse?: boolean | undefined;
}

/** A theme resolved for one colour mode: every token has a style. */
export interface Theme {
  readonly name: string;
  readonly mode: ColorMode;
  readonly styles: Readonly<Record<ThemeToken, Style>>;
  /** Text in the token's colour (and `bg` token's background). Plain text when mode is `none`. */
  paint(text: string, fg?: ThemeToken, options?: PaintOptions): string;
}

export interface LoadedTheme {
  theme: Theme;
  /** Problems the user should see (file and key named); the theme fell back where needed. */
  warnings: string[];
}

export interface LoadThemeOptions {
  name?: string | undefined;
  /** `<configDir>/themes`; user themes there win over built-ins of the same name. */
  userDir?: string | undefined;
  colorMode: ColorMode;
  /** Where built-in themes live; defaults to the package's top-level `themes/`. */
  builtinDir?: string | undefined;
}

const THEME_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;
const EXTENSIONS = ['.yaml', '.yml', '.json'];
const MAX_EXTENDS_DEPTH = 4;

export function builtinThemesDir(): string {
  // src/theme/load.ts and dist/theme/load.js both sit two levels below the package root.
  return fileURLToPath(new URL('../../themes/', import.meta.url));
}

function findThemeFile(name: string, dirs: readonly string[]): string | undefined {
  for (const dir of dirs) {
    for (const ext of EXTENSIONS) {
      const file = join(dir, `${name}${ext}`);
      if (existsSync(file)) return file;
    }
  }
  return undefined;
}

/** Theme names available in the user dir and the built-in dir, for `:theme` completion. */
export function listThemes(userDir?: string, builtinDir = builtinThemesDir()): string[] {
  const names = new Set<string>();
  for (const dir of [userDir, builtinDir]) {
    if (!dir || !existsSync(dir)) continue;
    for (const entry of readdirSync(dir)) {
      const ext = EXTENSIONS.find((e) => entry.endsWith(e));
      if (ext) names.add(entry.slice(0, -ext.length));
    }
  }
  return [...names].sort();
}

function toStyle(value: TokenValue): Style {
  if (typeof value === 'string' || typeof value === 'number') {
    const color = parseColor(value);
    return color ? { color } : {};
  }
  const { color: spec, ...attributes } = value;
  const color = spec === undefined ? undefined : parseColor(spec);
  return color ? { color, ...attributes } : attributes;
}

function readThemeFile(file: string): { ok: true; value: ThemeFile } | { ok: false; problems: string[] } {
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(file, 'utf8'));
  } catch (error) {
    return { ok: false, problems: [`cannot be read or parsed: ${(error as Error).message}`] };
  }
  const parsed = themeFileSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, problems: describeThemeIssues(parsed.error) };
  return { ok: true, value: parsed.data };
}

type Resolution =
  | { ok: true; tokens: Partial<Record<ThemeToken, TokenValue>> }
  | { ok: false; file: string; problems: string[] };

function resolveTokens(name: string, dirs: readonly string[], depth: number): Resolution {
  const file = findThemeFile(name, dirs);
  if (!file) return { ok: false, file: name, problems: ['not found'] };
  const read = readThemeFile(file);
  if (!read.ok) return { ok: false, file, problems: read.problems };
  const own = read.value.tokens;
  const parentName = read.value.extends;
  if (!parentName) {
    const missing = THEME_TOKENS.filter((t) => own[t] === undefined);
    if (missing.length > 0) {
      return {
        ok: false,
        file,
        problems: [`tokens: missing ${missing.map((t) => `"${t}"`).join(', ')} (or add "extends: dark")`],
      };
    }
    return { ok: true, tokens: own };
  }
  if (depth >= MAX_EXTENDS_DEPTH || !THEME_NAME.test(parentName)) {
    return { ok: false, file, problems: [`extends: "${parentName}" cannot be used (too deep or bad name)`] };
  }
  const parent = resolveTokens(parentName, dirs, depth + 1);
  if (!parent.ok) return parent;
  return { ok: true, tokens: { ...parent.tokens, ...stripUndefined(own) } };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export function makeTheme(name: string, mode: ColorMode, styles: Record<ThemeToken, Style>): Theme {
  return {
    name,
    mode,
    styles,
    paint(text, fg, options) {
      return paintText(
        text,
        mode,
        fg ? styles[fg] : undefined,
        options?.bg ? styles[options.bg] : undefined,
        options?.bold,
        options?.inverse,
      );
    },
  };
}

function buildTheme(name: string, mode: ColorMode, tokens: Partial<Record<ThemeToken, TokenValue>>): Theme {
  const styles = Object.fromEntries(
    THEME_TOKENS.map((t) => {
      const value = tokens[t];
      return [t, value === undefined ? {} : toStyle(value)];
    }),
  ) as Record<ThemeToken, Style>;
  return makeTheme(name, mode, styles);
}

/** A theme with no colours, used only when even the default theme file is broken. */
export function plainTheme(mode: ColorMode = 'none'): Theme {
  return buildTheme('plain', mode, {});
}

export function isThemeName(name: string): boolean {
  return THEME_NAME.test(name);
}

export function badThemeNameWarning(name: string): string {
  return `theme "${name}": not a theme name (letters, digits, - and _) — using "${DEFAULT_THEME_NAME}"`;
}

export function themeNotFoundWarning(name: string, available: readonly string[]): string {
  return `theme "${name}" not found (available: ${available.join(', ')}) — using "${DEFAULT_THEME_NAME}"`;
}

/**
 * Loads a theme by name (user dir first, then built-ins). Never throws: a bad or missing theme falls
 * back to the default and says why in `warnings`, naming the file and the key.
 */
export function loadTheme({ name, userDir, colorMode, builtinDir }: LoadThemeOptions): LoadedTheme {
  const dirs = [userDir, builtinDir ?? builtinThemesDir()].filter((d): d is string => !!d);
  const wanted = name ?? DEFAULT_THEME_NAME;
  const warnings: string[] = [];
  const fallbackNote =
    wanted === DEFAULT_THEME_NAME ? 'showing without colours' : `using theme "${DEFAULT_THEME_NAME}"`;
  if (!isThemeName(wanted)) {
    warnings.push(badThemeNameWarning(wanted));
  } else {
    const resolved = resolveTokens(wanted, dirs, 0);
    if (resolved.ok) return { theme: buildTheme(wanted, colorMode, resolved.tokens), warnings };
    if (resolved.problems[0] === 'not found' && resolved.file === wanted) {
      warnings.push(themeNotFoundWarning(wanted, listThemes(userDir, builtinDir ?? builtinThemesDir())));
    } else {
      for (const problem of resolved.problems) {
        warnings.push(`${resolved.file}: ${problem} — ${fallbackNote}`);
      }
    }
  }
  if (wanted !== DEFAULT_THEME_NAME) {
    const fallback = resolveTokens(DEFAULT_THEME_NAME, dirs, 0);
    if (fallback.ok) return { theme: buildTheme(DEFAULT_THEME_NAME, colorMode, fallback.tokens), warnings };
    warnings.push(`${fallback.file}: ${fallback.problems.join('; ')} — showing without colours`);
  }
  return { theme: plainTheme(colorMode), warnings };
}
