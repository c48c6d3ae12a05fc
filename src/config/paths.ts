import { existsSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';

/** The process environment as config/ reads it; injected so tests never touch the real one. */
export type Env = Readonly<Record<string, string | undefined>>;

export interface PathContext {
  env: Env;
  homedir: string;
}

export type FleetFileSource = 'flag' | 'env' | 'xdg';

export interface FleetFileLocation {
  path: string;
  source: FleetFileSource;
  exists: boolean;
}

/** `~` and `~/x` → the given home directory; other paths are returned unchanged. */
export function expandTilde(path: string, homedir: string): string {
  if (path === '~') return homedir;
  if (path.startsWith('~/')) return join(homedir, path.slice(2));
  return path;
}

/** XDG base directories must be absolute; the spec says relative values are to be ignored. */
function xdgBase(value: string | undefined, fallback: string): string {
  return value && isAbsolute(value) ? value : fallback;
}

/** `$XDG_CONFIG_HOME/fleetdeck`, default `~/.config/fleetdeck`. */
export function configDir({ env, homedir }: PathContext): string {
  return join(xdgBase(env.XDG_CONFIG_HOME, join(homedir, '.config')), 'fleetdeck');
}

/** `$XDG_DATA_HOME/fleetdeck`, default `~/.local/share/fleetdeck`: audit log and journals. */
export function dataDir({ env, homedir }: PathContext): string {
  return join(xdgBase(env.XDG_DATA_HOME, join(homedir, '.local', 'share')), 'fleetdeck');
}

/** Where the fleet file is: `--fleet FILE`, else `$FLEETDECK_CONFIG`, else the XDG config dir. */
export function locateFleetFile(opts: { flag?: string } & PathContext): FleetFileLocation {
  const { flag, env, homedir } = opts;
  const pick = (raw: string, source: FleetFileSource): FleetFileLocation => {
    const path = resolve(expandTilde(raw, homedir));
    return { path, source, exists: existsSync(path) };
  };
  if (flag) return pick(flag, 'flag');
  if (env.FLEETDECK_CONFIG) return pick(env.FLEETDECK_CONFIG, 'env');
  return pick(join(configDir({ env, homedir }), 'fleet.yaml'), 'xdg');
}
