import { describe, expect, it } from 'vitest';
import { expandProxyCommand, ProxyCommandStream } from '../../../src/ssh/proxy-command.js';

const tokens = { host: '10.0.0.7', port: 2222, user: 'ops', alias: 'web-1' };

function firstData(stream: ProxyCommandStream): Promise<string> {
  return new Promise((resolve) => stream.once('data', (b: Buffer) => resolve(b.toString())));
}

function errorOf(stream: ProxyCommandStream): Promise<Error> {
  return new Promise((resolve) => stream.once('error', resolve));
}

describe('expandProxyCommand', () => {
  it('expands %h %p %r %n and %%', () => {
    expect(expandProxyCommand('ssh -W [%h]:%p %r@gate # %n 100%%', tokens)).toBe(
      'ssh -W [10.0.0.7]:2222 ops@gate # web-1 100%',
    );
  });

  it('refuses tokens it does not know instead of passing them on', () => {
    expect(() => expandProxyCommand('connect %C', tokens)).toThrow(/does not expand %C/);
  });
});

describe('ProxyCommandStream', () => {
  it('carries bytes both ways through the command’s stdin and stdout', async () => {
    const stream = new ProxyCommandStream('cat', 'ops@h:22');
    const echoed = firstData(stream);
    stream.write('SSH-2.0-test\r\n');
    expect(await echoed).toBe('SSH-2.0-test\r\n');
    stream.destroy();
  });

  it('fails with the command’s exit status and stderr', async () => {
    const stream = new ProxyCommandStream(
      `sh -c 'echo "connect to 10.0.0.7 port 22: No route" >&2; exit 3'`,
      'ops@h:22',
    );
    stream.resume();
    const err = await errorOf(stream);
    expect(err.message).toContain(
      'ProxyCommand for ops@h:22 exited with code 3: connect to 10.0.0.7 port 22: No route',
    );
    expect(err).toMatchObject({ code: 'unreachable' });
  });

  it('kills the command when the connection ends', async () => {
    // `exec sleep` keeps one process, whose end we can see.
    const stream = new ProxyCommandStream('sleep 60', 'ops@h:22');
    const pid = (stream as unknown as { child: { pid: number } }).child.pid;
    const exited = new Promise<void>((resolve) =>
      (stream as unknown as { child: NodeJS.EventEmitter }).child.once('exit', () => resolve()),
    );
    stream.destroy();
    await exited;
    expect(() => process.kill(pid, 0)).toThrow();
  });

  it('reports a command that cannot start', async () => {
    const stream = new ProxyCommandStream('/nonexistent/proxy', 'ops@h:22');
    stream.resume();
    const err = await errorOf(stream);
    expect(err.message).toMatch(/ProxyCommand for ops@h:22 exited with code 127: .*nonexistent/);
  });
});
