import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configDir, dataDir, expandTilde, locateFleetFile } from '../../../src/config/paths.js';

const homedir = '/home/ann';

describe('locateFleetFile', () => {
  it('prefers --fleet over $FLEETDECK_CONFIG over the XDG config dir', () => {
    const env = { FLEETDECK_CONFIG: '/etc/fleet.yaml', XDG_CONFIG_HOME: '/xdg' };
    expect(locateFleetFile({ flag: '/tmp/f.yaml', env, homedir })).toMatchObject({
      path: '/tmp/f.yaml',
      source: 'flag',
    });
    expect(locateFleetFile({ env, homedir })).toMatchObject({ path: '/etc/fleet.yaml', source: 'env' });
    expect(locateFleetFile({ env: { XDG_CONFIG_HOME: '/xdg' }, homedir })).toMatchObject({
      path: '/xdg/fleetdeck/fleet.yaml',
      source: 'xdg',
    });
  });

  it('defaults to ~/.config/fleetdeck/fleet.yaml and ignores a relative XDG_CONFIG_HOME', () => {
    expect(locateFleetFile({ env: {}, homedir }).path).toBe('/home/ann/.config/fleetdeck/fleet.yaml');
    expect(locateFleetFile({ env: { XDG_CONFIG_HOME: 'rel' }, homedir }).path).toBe(
      '/home/ann/.config/fleetdeck/fleet.yaml',
    );
  });

  it('expands ~ in the flag and the env value', () => {
    expect(locateFleetFile({ flag: '~/f.yaml', env: {}, homedir }).path).toBe('/home/ann/f.yaml');
    expect(locateFleetFile({ env: { FLEETDECK_CONFIG: '~/g.yaml' }, homedir }).path).toBe('/home/ann/g.yaml');
  });

  it('reports whether the file exists', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fleetdeck-paths-'));
    const file = join(dir, 'fleet.yaml');
    expect(locateFleetFile({ flag: file, env: {}, homedir }).exists).toBe(false);
    writeFileSync(file, 'hosts: []\n');
    expect(locateFleetFile({ flag: file, env: {}, homedir }).exists).toBe(true);
  });
});

describe('configDir / dataDir', () => {
  it('follow XDG with home defaults', () => {
    expect(configDir({ env: {}, homedir })).toBe('/home/ann/.config/fleetdeck');
    expect(dataDir({ env: {}, homedir })).toBe('/home/ann/.local/share/fleetdeck');
    expect(dataDir({ env: { XDG_DATA_HOME: '/data' }, homedir })).toBe('/data/fleetdeck');
  });
});

describe('expandTilde', () => {
  it('expands only a leading ~ or ~/', () => {
    expect(expandTilde('~', homedir)).toBe(homedir);
    expect(expandTilde('~/.ssh/id', homedir)).toBe('/home/ann/.ssh/id');
    expect(expandTilde('/a/~/b', homedir)).toBe('/a/~/b');
    expect(expandTilde('~bob/x', homedir)).toBe('~bob/x');
  });
});
