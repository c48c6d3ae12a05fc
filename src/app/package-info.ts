import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/*
 * Where fleetdeck itself is installed. Found by walking up from this module, so it holds for the
 * sources (src/app), the compiled tree (dist/app) and a bundle alike. Only node:fs and node:path:
 * `--version` reads it on the way to printing.
 */

interface PackageInfo {
  root: string;
  version: string;
}

let cached: PackageInfo | undefined;

function findPackage(from: string): PackageInfo {
  for (let dir = from; ; dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown; version?: unknown };
      if (pkg.name === 'fleetdeck' && typeof pkg.version === 'string')
        return { root: dir, version: pkg.version };
    }
    if (dirname(dir) === dir) throw new Error(`fleetdeck's package.json not found above ${from}`);
  }
}

function packageInfo(): PackageInfo {
  return (cached ??= findPackage(dirname(fileURLToPath(import.meta.url))));
}

/** The version in fleetdeck's package.json (the one source of it). */
export function packageVersion(): string {
  return packageInfo().version;
}

/** Whether `root` is a git checkout of fleetdeck: .git and the lab script beside package.json. */
export function isSourceCheckout(root: string): boolean {
  return existsSync(join(root, '.git')) && existsSync(join(root, 'test', 'lab', 'lab.sh'));
}

/**
 * fleetdeck's root when it runs from a checkout of its repository (where `npm run lab` works),
 * undefined when installed from a package (`npm install -g`, no lab beside it).
 */
export function checkoutRoot(): string | undefined {
  const { root } = packageInfo();
  return isSourceCheckout(root) ? root : undefined;
}
