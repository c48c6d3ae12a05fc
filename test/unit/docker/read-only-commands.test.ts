import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLocalGateway } from '../../../src/docker/gateway.js';
import { hostShell } from '../../../src/docker/host-shell.js';
import type { DockerHostApi } from '../../../src/docker/host-api.js';
import { isReadOnlyCommand, READ_ONLY_COMMANDS } from '../../../src/docker/read-only-commands.js';
import { ReadOnlyRefusal } from '../../../src/docker/read-only.js';
import { socketProbeCommand } from '../../../src/docker/socket-probe.js';
import { dialStdioCommand } from '../../../src/docker/ssh-socket.js';
import {
  btrfsUsageCommand,
  dfCommand,
  hostVitalsCommand,
  inCLocale,
} from '../../../src/domain/health/host-commands.js';
import { SshConnection } from '../../../src/ssh/connection.js';
import { FakeClient, scriptedChannel } from '../ssh/fake-client.js';

// Paths a daemon may report (its Docker root): spaces, quotes, shell syntax — all quoted.
const PATHS = ['/var/lib/docker', '/srv/docker data', "/odd'path", '/x; rm -rf /', '/$(reboot)', '/`id`'];

describe('the read-only allowlist of host commands', () => {
  it('lets every command fleetdeck itself runs through, whatever the paths', () => {
    for (const p of PATHS) {
      expect(isReadOnlyCommand(socketProbeCommand(p)), p).toBe(true);
      expect(isReadOnlyCommand(dialStdioCommand(p)), p).toBe(true);
      expect(isReadOnlyCommand(inCLocale(btrfsUsageCommand(p))), p).toBe(true);
      expect(isReadOnlyCommand(inCLocale(dfCommand(p))), p).toBe(true);
      expect(isReadOnlyCommand(hostVitalsCommand(['/', p])), p).toBe(true);
    }
    expect(READ_ONLY_COMMANDS.map((c) => c.usedBy)).toContain('fleet/health/vitals.ts');
  });

  it('refuses anything else, including an allowed command with something appended', () => {
    for (const command of [
      'rm -rf /',
      'docker rm -f web-1',
      'true',
      `${inCLocale(dfCommand('/'))}; reboot`,
      `${inCLocale(dfCommand('/'))} && reboot`,
      `${dialStdioCommand('/run/docker.sock')} | sh`,
      "LC_ALL=C df -P -B1 '/x' '/y'; id",
      'LC_ALL=C df -P -B1 /unquoted',
      `${hostVitalsCommand(['/'])}\nreboot`,
      "LC_ALL=C btrfs filesystem usage -b '/x'\\'; reboot",
    ])
      expect(isReadOnlyCommand(command), command).toBe(false);
  });

  it('refuses over SSH before a session is opened, like a POST', async () => {
    const client = new FakeClient('ready');
    client.onExec = (_c, cb) => cb(undefined, scriptedChannel('ok\n'));
    const shell = hostShell(new SshConnection(client, 'ops@web-1:22'), { host: 'web-1', readOnly: true });
    const refused = await shell.run('docker rm -f web-1', 1000).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ReadOnlyRefusal);
    expect((refused as ReadOnlyRefusal).problem).toEqual({
      code: 'docker-error',
      message:
        'read-only mode: refused the command `docker rm -f web-1` on web-1 — start fleetdeck without read-only to allow changes',
    });
    await expect(shell.exec('sh')).rejects.toBeInstanceOf(ReadOnlyRefusal);
    expect(client.execs).toEqual([]);
    expect(await shell.run(inCLocale(dfCommand('/')), 1000)).toMatchObject({ code: 0, stdout: 'ok\n' });
    expect(client.execs).toEqual(["LC_ALL=C df -P -B1 '/'"]);
  });

  it('lets anything through when not read-only', async () => {
    const client = new FakeClient('ready');
    const shell = hostShell(new SshConnection(client, 'ops@web-1:22'), { host: 'web-1', readOnly: false });
    await shell.run('docker rm -f web-1', 1000);
    expect(client.execs).toEqual(['docker rm -f web-1']);
  });
});

describe('a read-only gateway’s host commands', () => {
  let api: DockerHostApi | undefined;
  let dir: string | undefined;
  afterEach(async () => {
    await api?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
    api = dir = undefined;
  });

  it('refuses a command that is not one of fleetdeck’s reads before it runs (local host)', async () => {
    dir = mkdtempSync(join(tmpdir(), 'fd-ro-'));
    const marker = join(dir, 'ran');
    api = createLocalGateway(
      { kind: 'local', name: 'local-1', socketPath: '/nonexistent' },
      { readOnly: true },
    );
    await expect(api.runHostCommand(`touch '${marker}'`)).rejects.toMatchObject({
      name: 'ReadOnlyRefusal',
      problem: { message: expect.stringContaining('read-only mode: refused the command `touch') },
    });
    expect(existsSync(marker)).toBe(false);
    expect(await api.runHostCommand(inCLocale(dfCommand(dir)))).toMatchObject({ code: 0 });
  });
});
