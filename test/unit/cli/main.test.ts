import { readFileSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { writeError, type CommandIo } from '../../../src/app/io.js';
import { main } from '../../../src/cli/main.js';
import { closestName } from '../../../src/domain/text/closest.js';

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

  it('--version prints the version in package.json', async () => {
    const { version } = JSON.parse(
      readFileSync(new URL('../../../package.json', import.meta.url), 'utf8'),
    ) as {
      version: string;
    };
    const c = captureIo();
    expect(await main(['node', 'fleetdeck', '--version'], c.io)).toBe(0);
    expect(c.out()).toBe(`${version}\n`);
  });

  it('help and help COMMAND print help (exit 0); help snapshot create reaches a subcommand', async () => {
    const top = captureIo();
    expect(await main(['node', 'fleetdeck', 'help'], top.io)).toBe(0);
    expect(top.out()).toContain('Usage: fleetdeck');
    expect(top.out()).toContain('completion');
    const ps = captureIo();
    expect(await main(['node', 'fleetdeck', 'help', 'ps'], ps.io)).toBe(0);
    expect(ps.out()).toContain('Usage: fleetdeck ps');
    expect(ps.out()).toContain('-o, --output <format>');
    expect(ps.out()).toContain('--no-headers');
    const sub = captureIo();
    expect(await main(['node', 'fleetdeck', 'help', 'snapshot', 'create'], sub.io)).toBe(0);
    expect(sub.out()).toContain('Usage: fleetdeck snapshot create');
  });

  it('an unknown command names the closest one, exit 2 (also after help)', async () => {
    const c = captureIo();
    expect(await main(['node', 'fleetdeck', 'hots'], c.io)).toBe(2);
    expect(c.err()).toBe('fleetdeck: unknown command "hots" — did you mean "hosts"?\n');
    const h = captureIo();
    expect(await main(['node', 'fleetdeck', 'help', 'sp'], h.io)).toBe(2);
    expect(h.err()).toContain('did you mean "ps"?');
    const far = captureIo();
    expect(await main(['node', 'fleetdeck', 'frobnicate'], far.io)).toBe(2);
    expect(far.err()).toContain('unknown command "frobnicate" — the commands are: hosts, ps,');
  });

  it('refuses -o with an unknown format and --json with -o wide before reading the fleet', async () => {
    const bad = captureIo();
    expect(await main(['node', 'fleetdeck', 'ps', '-o', 'yaml'], bad.io)).toBe(2);
    expect(bad.err()).toContain('json, wide, name');
    const both = captureIo();
    expect(
      await main(['node', 'fleetdeck', 'hosts', '--json', '-o', 'wide', '--fleet', '/nonexistent'], both.io),
    ).toBe(2);
    expect(both.err()).toContain('choose one');
  });

  it('error messages are sanitised line by line before they reach stderr', () => {
    const c = captureIo();
    writeError(c.io, 'lab-0: daemon said \x1b]0;x\x07\x1b[2Jboom\u202e\nsecond\tline');
    expect(c.err()).toBe('fleetdeck: lab-0: daemon said boom\nsecond line\n');
  });
});

describe('closestName', () => {
  it('suggests within two edits or a quarter of the word, else nothing', () => {
    expect(closestName('hots', ['hosts', 'ps', 'logs'])).toBe('hosts');
    expect(closestName('STORGE', ['storage'])).toBe('storage');
    expect(closestName('frobnicate', ['hosts', 'ps'])).toBeUndefined();
  });
});
