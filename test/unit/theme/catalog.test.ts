import { describe, expect, it } from 'vitest';
import { loadTheme, loadThemeCatalog } from '../../../src/theme/index.js';

describe('theme catalog', () => {
  it('reads every theme once and answers like loadTheme, unknown and bad names included', () => {
    const catalog = loadThemeCatalog({ colorMode: 'truecolor' });
    expect(catalog.names).toContain('mono');
    expect(catalog.load('mono')).toBe(catalog.load('mono'));
    for (const name of ['mono', 'nope', 'bad name!']) {
      const direct = loadTheme({ name, colorMode: 'truecolor' });
      const cached = catalog.load(name);
      expect(cached.theme.name).toBe(direct.theme.name);
      expect(cached.warnings).toEqual(direct.warnings);
    }
  });
});
