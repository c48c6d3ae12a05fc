import { describe, expect, it } from 'vitest';
import type { HostCommandResult } from '../../../src/docker/host-api.js';
import { readRemote } from '../../../src/fleet/health/remote-read.js';
import { FakeHostApi } from '../../support/fake-host-api.js';

/** A host whose commands answer from a script, one result per call. */
class ScriptedHost extends FakeHostApi {
  readonly commands: string[] = [];
  constructor(private readonly results: HostCommandResult[]) {
    super('web-a');
  }
  override async runHostCommand(command: string): Promise<HostCommandResult> {
    this.commands.push(command);
    return this.results.shift() ?? { code: 0, stdout: '', stderr: '' };
  }
}

const spec = {
  what: 'btrfs allocation of /var/lib/docker',
  program: 'btrfs',
  command: 'btrfs filesystem usage -b /x',
};
const parse = (stdout: string) => (stdout.includes('Device size') ? stdout : undefined);

describe('readRemote', () => {
  it('asks once more when a command was cut off, and uses the second answer', async () => {
    const host = new ScriptedHost([
      { code: null, stdout: 'Overall:\n', stderr: '' },
      { code: 0, stdout: 'Overall:\n    Device size: 1\n', stderr: '' },
    ]);
    expect(await readRemote(host, spec, parse)).toEqual({
      ok: true,
      value: 'Overall:\n    Device size: 1\n',
    });
    expect(host.commands).toEqual([
      'LC_ALL=C btrfs filesystem usage -b /x',
      'LC_ALL=C btrfs filesystem usage -b /x',
    ]);
  });

  it('says what cut it off when it happens three times, and does not retry a plain failure', async () => {
    const cut = { code: null, stdout: 'Overall:\n', stderr: '', signal: 'SIGSEGV' };
    const cutHost = new ScriptedHost([cut, cut, cut, { code: 0, stdout: 'Device size: 1', stderr: '' }]);
    const thrice = await readRemote(cutHost, spec, parse);
    expect(cutHost.commands).toHaveLength(3);
    expect(thrice).toEqual({
      ok: false,
      unread: { what: spec.what, reason: '`btrfs` was cut off by SIGSEGV before finishing (Overall:)' },
    });
    const failing = new ScriptedHost([{ code: 1, stdout: '', stderr: 'ERROR: not a btrfs filesystem' }]);
    expect((await readRemote(failing, spec, parse)).ok).toBe(false);
    expect(failing.commands).toHaveLength(1);
  });
});
