import { createServer, type AddressInfo, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { dialTcp } from '../../../src/ssh/tcp-dial.js';

let server: Server | undefined;
afterEach(() => server?.close());

async function listen(): Promise<number> {
  server = createServer((s) => s.end());
  await new Promise<void>((r) => server?.listen(0, '127.0.0.1', r));
  return (server.address() as AddressInfo).port;
}

describe('dialTcp', () => {
  it('resolves with the AddressFamily asked for, connects, and reports both steps', async () => {
    const port = await listen();
    const steps: string[] = [];
    const dialed = await dialTcp(
      { host: 'localhost', port, user: 'ops', addressFamily: 'inet' },
      { timeoutMs: 5_000, onStep: (step, detail) => steps.push(`${step} ${detail}`) },
    );
    expect(dialed.address).toBe('127.0.0.1');
    expect(steps).toEqual(['resolve 127.0.0.1', `tcp 127.0.0.1:${port}`]);
    dialed.socket.destroy();
  });

  it('names the endpoint when nothing listens', async () => {
    const port = await listen();
    server?.close();
    await expect(
      dialTcp({ host: '127.0.0.1', port, user: 'ops' }, { timeoutMs: 5_000 }),
    ).rejects.toMatchObject({
      code: 'connection-refused',
      message: `ssh connection to ops@127.0.0.1:${port} refused — is sshd running on that port?`,
    });
  });
});
