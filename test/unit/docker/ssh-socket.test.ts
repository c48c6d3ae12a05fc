import { describe, expect, it } from 'vitest';
import { hostShell } from '../../../src/docker/host-shell.js';
import { SshDockerSocket } from '../../../src/docker/ssh-socket.js';
import { SshConnection } from '../../../src/ssh/connection.js';
import { FakeClient, scriptedChannel } from '../ssh/fake-client.js';

const openFailed = (): Error =>
  Object.assign(new Error('(SSH) Channel open failure: open failed'), { reason: 2 });

function setup(probeAnswer = 'ok', readOnly = true) {
  const client = new FakeClient('ready');
  client.onStreamLocal = (_p, cb) => cb(openFailed(), undefined as never);
  client.onExec = (command, cb) =>
    cb(undefined, scriptedChannel(command.startsWith('if [') ? `${probeAnswer}\n` : ''));
  const conn = new SshConnection(client, 'ops@web-1:22');
  const shell = hostShell(conn, { host: 'web-1', readOnly });
  return { client, conn, shell, socket: new SshDockerSocket('/run/docker.sock') };
}

describe('SshDockerSocket (the Docker socket over an SSH connection)', () => {
  it('uses a direct-streamlocal channel when the server allows it', async () => {
    const client = new FakeClient('ready');
    const conn = new SshConnection(client, 'ops@web-1:22');
    const socket = new SshDockerSocket('/var/run/docker.sock');
    await socket.open(conn, hostShell(conn, { host: 'web-1', readOnly: true }));
    expect(client.streamLocalOpens).toEqual(['/var/run/docker.sock']);
    expect(client.execs).toEqual([]);
  });

  it('falls back to docker system dial-stdio when forwarding is refused, and remembers it', async () => {
    const { client, conn, shell, socket } = setup('ok');
    await socket.open(conn, shell);
    expect(socket.usesDialStdio(conn)).toBe(true);
    expect(client.execs[1]).toBe(`docker -H 'unix:///run/docker.sock' system dial-stdio`);
    await socket.open(conn, shell);
    expect(client.streamLocalOpens).toHaveLength(1); // not retried on the same connection
    expect(client.execs).toHaveLength(3);
  });

  it('does not switch to dial-stdio when stream-local worked before on the connection', async () => {
    const { client, conn, shell, socket } = setup('ok');
    client.onStreamLocal = (_p, cb) => cb(undefined, scriptedChannel(''));
    await socket.open(conn, shell);
    client.onStreamLocal = (_p, cb) => cb(openFailed(), undefined as never);
    await expect(socket.open(conn, shell)).rejects.toMatchObject({
      code: 'channel-failed',
      message: expect.stringContaining('cannot open Docker socket /run/docker.sock on ops@web-1:22'),
    });
    expect(socket.usesDialStdio(conn)).toBe(false);
  });

  it('reports a missing socket', async () => {
    const { conn, shell, socket } = setup('missing');
    await expect(socket.open(conn, shell)).rejects.toMatchObject({
      code: 'socket-missing',
      message: expect.stringContaining('/run/docker.sock on ops@web-1:22 does not exist'),
    });
    expect(socket.usesDialStdio(conn)).toBe(false);
  });

  it('reports a socket the user may not use, and what to do', async () => {
    const { conn, shell, socket } = setup('denied');
    await expect(socket.open(conn, shell)).rejects.toMatchObject({
      code: 'socket-permission-denied',
      message: expect.stringContaining('usermod -aG docker ops'),
    });
  });

  it('reports dial-stdio failing on the host as a channel error', async () => {
    const { client, conn, shell, socket } = setup('ok');
    client.onExec = (command, cb) => {
      if (command.startsWith('if [')) return cb(undefined, scriptedChannel('ok\n'));
      const ch = scriptedChannel('', 127);
      setImmediate(() => ch.stderr.emit('data', Buffer.from('docker: not found')));
      cb(undefined, ch);
    };
    const ch = await socket.open(conn, shell);
    const err = await new Promise<Error>((resolve) => ch.once('error', resolve));
    expect(err.message).toContain(
      'SSH up, Docker daemon at /run/docker.sock on ops@web-1:22 not reachable: docker system dial-stdio exited 127',
    );
  });

  it('runs the probe and dial-stdio through the read-only shell: both are allowlisted reads', async () => {
    const { client, conn, shell, socket } = setup('ok', true);
    await socket.open(conn, shell);
    expect(client.execs).toHaveLength(2);
  });
});
