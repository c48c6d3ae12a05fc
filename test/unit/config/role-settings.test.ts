import { describe, expect, it } from 'vitest';
import { parseFleetText, shellFor } from '../../../src/config/index.js';
import { FleetFileSchema } from '../../../src/config/schema.js';
import { settingsFromFile } from '../../../src/config/settings.js';

describe('roles: in the fleet file', () => {
  it('reads a shell per role; roles without one (or not listed) have none', () => {
    const fleet = FleetFileSchema.parse({ roles: { web: { shell: ' /bin/ash ' }, db: {} } });
    const settings = settingsFromFile(fleet, '/home/u');
    expect(shellFor(settings.roles, 'web')).toBe('/bin/ash');
    expect(shellFor(settings.roles, 'db')).toBeUndefined();
    expect(shellFor(settings.roles, 'worker')).toBeUndefined();
    expect(shellFor(settings.roles, 'constructor')).toBeUndefined();
    expect(FleetFileSchema.parse({}).roles).toEqual({});
  });

  it('refuses an empty shell and a misspelt key', () => {
    expect(FleetFileSchema.safeParse({ roles: { web: { shell: '' } } }).success).toBe(false);
    expect(FleetFileSchema.safeParse({ roles: { web: { shel: 'bash' } } }).success).toBe(false);
  });

  it('parses from YAML', () => {
    const parsed = parseFleetText('roles:\n  web:\n    shell: zsh -l\nhosts: []\n', 'fleet.yaml');
    expect(parsed.fleet.roles).toEqual({ web: { shell: 'zsh -l' } });
    expect(() => parseFleetText('roles:\n  web:\n    shell: 3\n', 'fleet.yaml')).toThrow(/roles\.web\.shell/);
  });
});
