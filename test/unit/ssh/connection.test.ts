import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { SshChannel } from '../../../src/ssh/client-like.js';
import { SshConnection } from '../../../src/ssh/connection.js';
import { FakeClient, scriptedChannel } from './fake-client.js';

describe('SshConnection', () => {
  it('runs a command and collects its output and exit code', async () => {
    const client = new FakeClient('ready');
    client.onExec = (_c, cb) => cb(undefined, scriptedChannel('hello\n', 3));
    const conn = new SshConnection(client, 'ops@web-1:22');
    expect(await conn.run('echo hello; exit 3', 1000)).toEqual({ code: 3, stdout: 'hello\n', stderr: '' });
  });

  it('gives up on a channel sshd never opens, and closes it if it opens late', async () => {
    const client = new FakeClient('ready');
    let late: ((err: Error | undefined, ch: never) => void) | undefined;
    client.onStreamLocal = (_p, cb) => (late = cb as never);
    const conn = new SshConnection(client, 'ops@web-1:22', undefined, { channelOpenTimeoutMs: 20 });
    await expect(conn.openStreamLocal('/run/docker.sock')).rejects.toMatchObject({
      code: 'timeout',
      message: expect.stringContaining(
        'sshd on ops@web-1:22 did not open a stream-local (/run/docker.sock) channel',
      ),
    });
    const ch = scriptedChannel('');
    let destroyed = false;
    ch.destroy = () => ((destroyed = true), ch);
    late?.(undefined, ch as never);
    expect(destroyed).toBe(true);
  });

  it('stops a command that prints more than its cap, and says so', async () => {
    const client = new FakeClient('ready');
    const endless = Object.assign(new PassThrough(), { stderr: new PassThrough() });
    client.onExec = (_c, cb) => {
      cb(undefined, endless as unknown as SshChannel);
      // 64 KiB chunks, far past the 100 KiB cap, never ending on their own.
      const chunk = Buffer.alloc(64 * 1024, 0x41);
      const pump = setInterval(() => endless.write(chunk), 1);
      endless.once('close', () => clearInterval(pump));
    };
    const conn = new SshConnection(client, 'ops@web-1:22');
    await expect(conn.run('yes', 5_000, { maxOutputBytes: 100 * 1024 })).rejects.toMatchObject({
      name: 'SshOutputLimitError',
      message: expect.stringContaining('printed more than 102400 bytes'),
    });
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
    await expect(conn.openStreamLocal('/s')).rejects.toMatchObject({ code: 'disconnected' });
    await expect(conn.exec('true')).rejects.toMatchObject({ code: 'disconnected' });
  });
});
