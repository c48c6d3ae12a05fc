import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILTIN_THEME_NAMES, listThemes, loadTheme } from '../../../src/theme/index.js';

function userDirWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'fleetdeck-themes-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe('loadTheme', () => {
  it.each(BUILTIN_THEME_NAMES)('loads built-in theme %s without warnings', (name) => {
    const { theme, warnings } = loadTheme({ name, colorMode: 'truecolor' });
    expect(warnings).toEqual([]);
    expect(theme.name).toBe(name);
  });

  it('defaults to dark', () => {
    expect(loadTheme({ colorMode: 'ansi256' }).theme.name).toBe('dark');
  });

  it('paints without escape codes when colour is off', () => {
    const { theme } = loadTheme({ name: 'dark', colorMode: 'none' });
    expect(theme.paint('up', 'status.up', { bg: 'selection.bg', bold: true })).toBe('up');
  });

  it('degrades truecolor themes to 256 colours', () => {
    const { theme } = loadTheme({ name: 'dark', colorMode: 'ansi256' });
    const painted = theme.paint('up', 'status.up');
    expect(painted).toContain('38;5;');
    expect(painted).not.toContain('38;2;');
  });

  it('falls back to the default and names file and key for a bad colour', () => {
    const dir = userDirWith({ 'ocean.yaml': 'extends: dark\ntokens:\n  status.up: "#12345"\n' });
    const { theme, warnings } = loadTheme({ name: 'ocean', userDir: dir, colorMode: 'truecolor' });
    expect(theme.name).toBe('dark');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(join(dir, 'ocean.yaml'));
    expect(warnings[0]).toContain('"status.up"');
    expect(warnings[0]).toContain('using theme "dark"');
  });

  it('names an unknown token key', () => {
    const dir = userDirWith({ 'typo.yaml': 'extends: dark\ntokens:\n  status.upp: red\n' });
    const { warnings } = loadTheme({ name: 'typo', userDir: dir, colorMode: 'ansi16' });
    expect(warnings[0]).toMatch(/typo\.yaml: tokens: unknown key "status\.upp"/);
  });

  it('reports missing tokens of a theme without extends', () => {
    const dir = userDirWith({ 'half.yaml': 'tokens:\n  status.up: red\n' });
    const { warnings } = loadTheme({ name: 'half', userDir: dir, colorMode: 'ansi16' });
    expect(warnings[0]).toContain('missing "text.primary"');
  });

  it('reports YAML syntax errors with the file', () => {
    const dir = userDirWith({ 'broken.yaml': 'tokens: [unclosed\n' });
    const { theme, warnings } = loadTheme({ name: 'broken', userDir: dir, colorMode: 'ansi16' });
    expect(theme.name).toBe('dark');
    expect(warnings[0]).toContain('broken.yaml: cannot be read or parsed');
  });

  it('uses a valid user theme that extends a built-in, overriding some tokens', () => {
    const dir = userDirWith({ 'mine.yaml': 'extends: mono\ntokens:\n  status.up: green\n' });
    const { theme, warnings } = loadTheme({ name: 'mine', userDir: dir, colorMode: 'ansi16' });
    expect(warnings).toEqual([]);
    expect(theme.name).toBe('mine');
    expect(theme.paint('x', 'status.up')).toBe('\x1b[32mx\x1b[0m');
    expect(theme.paint('x', 'selection.fg', { bg: 'selection.bg' })).toBe('\x1b[7mx\x1b[0m');
  });

  it('warns for an unknown theme name and lists what exists', () => {
    const { theme, warnings } = loadTheme({ name: 'nope', colorMode: 'ansi16' });
    expect(theme.name).toBe('dark');
    expect(warnings[0]).toMatch(/theme "nope" not found \(available: .*high-contrast.*\)/);
  });

  it('refuses names that would leave the theme directory', () => {
    const { warnings } = loadTheme({ name: '../../etc/passwd', colorMode: 'ansi16' });
    expect(warnings[0]).toContain('not a theme name');
  });

  it('lists user and built-in themes', () => {
    const dir = userDirWith({ 'zz.yaml': 'extends: dark\ntokens: {}\n' });
    expect(listThemes(dir)).toEqual(expect.arrayContaining(['dark', 'light', 'high-contrast', 'mono', 'zz']));
  });
});
