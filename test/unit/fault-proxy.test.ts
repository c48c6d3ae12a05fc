import { once } from 'node:events';
import { createServer, connect, type AddressInfo, type Server, type Socket } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { applyCommand } from '../support/fault-proxy-cli.js';
import { FaultProxy } from '../support/fault-proxy.js';
import { waitUntil } from '../support/wait.js';

/*
 * The fault suite's TCP proxy (test/support/fault-proxy.ts) against an echo server on loopback:
 * what each mode does to the bytes. Only lower bounds on time (a delay never delivers early).
 */

const closers: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

async function echoServer(): Promise<Server> {
  const server = createServer((s) => s.on('error', () => undefined).pipe(s));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  closers.push(() => new Promise<void>((r) => server.close(() => r())));
  return server;
}

async function proxyToEcho(delayMs = 0): Promise<FaultProxy> {
  const server = await echoServer();
  const proxy = await FaultProxy.start({ targetPort: (server.address() as AddressInfo).port, delayMs });
  closers.push(() => proxy.close());
  return proxy;
}

/** A client through the proxy that collects what comes back. */
async function client(proxy: FaultProxy): Promise<{ socket: Socket; received: () => string }> {
  const socket = connect(proxy.port, '127.0.0.1');
  await once(socket, 'connect');
  let got = '';
  socket.setEncoding('utf8').on('data', (d: string) => (got += d));
  socket.on('error', () => undefined);
  closers.push(() => void socket.destroy());
  return { socket, received: () => got };
}

it('passes bytes through both ways', async () => {
  const proxy = await proxyToEcho();
  const c = await client(proxy);
  c.socket.write('hello');
  await waitUntil(() => c.received() === 'hello', 'the echo', 5_000, 5);
  expect(await proxy.status()).toMatchObject({ accepted: 1, open: 1, bytesUp: 5, bytesDown: 5 });
});

it('delays each chunk each way and keeps their order, even when the delay shrinks', async () => {
  const proxy = await proxyToEcho(150);
  const c = await client(proxy);
  const started = performance.now();
  c.socket.write('a');
  await new Promise((r) => setTimeout(r, 20));
  await proxy.setDelay(0);
  c.socket.write('b');
  await waitUntil(() => c.received().length === 2, 'both chunks back', 5_000, 5);
  expect(c.received()).toBe('ab');
  // 150 ms up for "a" (b may not overtake it), and back without delay.
  expect(performance.now() - started).toBeGreaterThanOrEqual(140);
});

it('stalls without closing, and what was held flows on resume', async () => {
  const proxy = await proxyToEcho();
  const c = await client(proxy);
  await proxy.stall();
  c.socket.write('held');
  await new Promise((r) => setTimeout(r, 200));
  expect(c.received()).toBe('');
  expect((await proxy.status()).open).toBe(1);
  expect(c.socket.destroyed).toBe(false);
  await proxy.resume();
  await waitUntil(() => c.received() === 'held', 'the held bytes', 5_000, 5);
});

it('stalls mid-stream after N bytes', async () => {
  const proxy = await proxyToEcho();
  const c = await client(proxy);
  // Both directions count: 8 bytes up and the first 4 of their echo make 12.
  await proxy.stallAfter(12);
  c.socket.write('abcdefgh');
  await waitUntil(() => c.received() === 'abcd', 'the first 4 bytes back', 5_000, 5);
  await new Promise((r) => setTimeout(r, 200));
  expect(c.received()).toBe('abcd');
  await proxy.resume();
  await waitUntil(() => c.received() === 'abcdefgh', 'the rest', 5_000, 5);
});

it('cuts open connections (the client sees a reset) and accepts new ones', async () => {
  const proxy = await proxyToEcho();
  const c = await client(proxy);
  let error: NodeJS.ErrnoException | undefined;
  c.socket.on('error', (err) => (error = err));
  const closed = new Promise((r) => c.socket.once('close', r));
  await proxy.cut();
  await closed;
  expect(error?.code).toBe('ECONNRESET');
  expect((await proxy.status()).open).toBe(0);
  const again = await client(proxy);
  again.socket.write('x');
  await waitUntil(() => again.received() === 'x', 'an echo on a new connection', 5_000, 5);
});

it('takes control commands as the standalone process does, refusing unknown ones', async () => {
  const proxy = await proxyToEcho();
  expect(await applyCommand(proxy, 'delay 300')).toMatchObject({ delayMs: 300 });
  expect(await applyCommand(proxy, 'stall')).toMatchObject({ stalled: true });
  expect(await applyCommand(proxy, 'pass')).toMatchObject({ delayMs: 0, stalled: false });
  await expect(applyCommand(proxy, 'delay soon')).rejects.toThrow(/needs a number/);
  await expect(applyCommand(proxy, 'flap')).rejects.toThrow(/unknown command "flap"/);
});
