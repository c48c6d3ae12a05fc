import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkoutRoot, isSourceCheckout, packageVersion } from '../../../src/app/package-info.js';

describe('package info', () => {
  it('knows a checkout (.git and the lab script) from an installed package', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fleetdeck-pkg-'));
    writeFileSync(join(dir, 'package.json'), '{"name":"fleetdeck","version":"9.9.9"}');
    expect(isSourceCheckout(dir)).toBe(false); // what `npm install -g` unpacks: bin, dist, themes
    mkdirSync(join(dir, 'test', 'lab'), { recursive: true });
    writeFileSync(join(dir, 'test', 'lab', 'lab.sh'), '');
    expect(isSourceCheckout(dir)).toBe(false);
    writeFileSync(join(dir, '.git'), 'gitdir: /elsewhere\n'); // a worktree's .git is a file
    expect(isSourceCheckout(dir)).toBe(true);
  });

  it('finds its own package.json from the sources: version and (here) a checkout', () => {
    expect(packageVersion()).toMatch(/^\d+\.\d+\.\d+/);
    expect(checkoutRoot()).toBeDefined();
  });
});
