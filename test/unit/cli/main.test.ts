import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { CommandIo } from '../../../src/app/io.js';
import { main } from '../../../src/cli/main.js';

function captureIo(env: NodeJS.ProcessEnv = {}) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  const io: CommandIo = { stdout, stderr, env, now: () => 0 };
  return { io, out: () => out, err: () => err };
}

describe('fleetdeck command line', () => {
  it('refuses an unknown --color value with exit 2 before doing anything', async () => {
    const c = captureIo();
    expect(await main(['node', 'fleetdeck', '--color', 'sometimes'], c.io)).toBe(2);
    expect(c.err()).toContain('sometimes');
  });

  it('exits 2 naming the file when --fleet does not exist', async () => {
    const c = captureIo();
    expect(await main(['node', 'fleetdeck', 'hosts', '--fleet', '/nonexistent/fleet.yaml'], c.io)).toBe(2);
    expect(c.err()).toContain('/nonexistent/fleet.yaml');
    expect(c.out()).toBe('');
  });

  it('exits 2 on an unknown command and on a bad --tail', async () => {
    expect(await main(['node', 'fleetdeck', 'frobnicate'], captureIo().io)).toBe(2);
    expect(await main(['node', 'fleetdeck', 'logs', 'role:web', '--tail', 'lots'], captureIo().io)).toBe(2);
  });

  it('prints help and exits 0', async () => {
    const c = captureIo();
    expect(await main(['node', 'fleetdeck', '--help'], c.io)).toBe(0);
    for (const word of [
      'hosts',
      'ps',
      'logs',
      'storage',
      'restart',
      'redeploy',
      '--read-only',
      '--theme',
      '--color',
    ]) {
      expect(c.out()).toContain(word);
    }
  });
});
