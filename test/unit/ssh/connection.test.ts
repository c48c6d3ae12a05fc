import { describe, expect, it } from 'vitest';
import { SshConnection } from '../../../src/ssh/connection.js';
import { FakeClient, scriptedChannel } from './fake-client.js';

const openFailed = (): Error =>
  Object.assign(new Error('(SSH) Channel open failure: open failed'), { reason: 2 });

function connectionWhereStreamLocalFails(probeAnswer: string) {
  const client = new FakeClient('ready');
  client.onStreamLocal = (_p, cb) => cb(openFailed(), undefined as never);
  client.onExec = (command, cb) =>
    cb(undefined, scriptedChannel(command.startsWith('if [') ? `${probeAnswer}\n` : ''));
  return { client, conn: new SshConnection(client, 'ops@web-1:22') };
}

describe('SshConnection.openDockerSocket', () => {
  it('uses a direct-streamlocal channel when the server allows it', async () => {
    const client = new FakeClient('ready');
    const conn = new SshConnection(client, 'ops@web-1:22');
    await conn.openDockerSocket('/var/run/docker.sock');
    expect(client.streamLocalOpens).toEqual(['/var/run/docker.sock']);
    expect(client.execs).toEqual([]);
  });

  it('falls back to docker system dial-stdio when forwarding is refused, and remembers it', async () => {
    const { client, conn } = connectionWhereStreamLocalFails('ok');
    await conn.openDockerSocket('/run/docker.sock');
    expect(conn.usesDialStdio).toBe(true);
    expect(client.execs[1]).toBe(`docker -H 'unix:///run/docker.sock' system dial-stdio`);
    await conn.openDockerSocket('/run/docker.sock');
    expect(client.streamLocalOpens).toHaveLength(1); // not retried on the same connection
    expect(client.execs).toHaveLength(3);
  });

  it('reports a missing socket', async () => {
    const { conn } = connectionWhereStreamLocalFails('missing');
    await expect(conn.openDockerSocket('/run/docker.sock')).rejects.toMatchObject({
      code: 'socket-missing',
      message: expect.stringContaining('/run/docker.sock on ops@web-1:22 does not exist'),
    });
    expect(conn.usesDialStdio).toBe(false);
  });

  it('reports a socket the user may not use, and what to do', async () => {
    const { conn } = connectionWhereStreamLocalFails('denied');
    await expect(conn.openDockerSocket('/run/docker.sock')).rejects.toMatchObject({
      code: 'socket-permission-denied',
      message: expect.stringContaining('usermod -aG docker ops'),
    });
  });

  it('reports dial-stdio failing on the host as a channel error', async () => {
    const { client, conn } = connectionWhereStreamLocalFails('ok');
    client.onExec = (command, cb) => {
      if (command.startsWith('if [')) return cb(undefined, scriptedChannel('ok\n'));
      const ch = scriptedChannel('', 127);
      setImmediate(() => ch.stderr.emit('data', Buffer.from('docker: not found')));
      cb(undefined, ch);
    };
    const ch = await conn.openDockerSocket('/run/docker.sock');
    const err = await new Promise<Error>((resolve) => ch.once('error', resolve));
    expect(err.message).toContain('dial-stdio on ops@web-1:22 failed (exit 127)');
  });
});

describe('SshConnection', () => {
  it('runs a command and collects its output and exit code', async () => {
    const client = new FakeClient('ready');
    client.onExec = (_c, cb) => cb(undefined, scriptedChannel('hello\n', 3));
    const conn = new SshConnection(client, 'ops@web-1:22');
    expect(await conn.run('echo hello; exit 3', 1000)).toEqual({ code: 3, stdout: 'hello\n', stderr: '' });
  });

  it('tells listeners once when the connection is lost, with a disconnected error', async () => {
    const client = new FakeClient('ready');
    const conn = new SshConnection(client, 'ops@web-1:22');
    const seen: string[] = [];
    conn.onClose((e) => seen.push(`${e.code}: ${e.message}`));
    client.drop();
    client.emit('close');
    expect(seen).toHaveLength(1);
    expect(seen[0]).toContain('disconnected: ssh connection to ops@web-1:22 was lost: read ECONNRESET');
    await expect(conn.openDockerSocket('/s')).rejects.toMatchObject({ code: 'disconnected' });
  });
});
