import { createServer, Socket, type AddressInfo, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { coalesceWrites } from '../../../src/ssh/coalesce-writes.js';
import { waitFor } from '../../support/fake-host-api.js';

let server: Server | undefined;
let client: Socket | undefined;

afterEach(() => {
  client?.destroy();
  server?.close();
});

/** A loopback pair: what the server receives, and the client socket with its system writes counted. */
async function pair(): Promise<{ received: () => Buffer; socket: Socket; flushes: () => number }> {
  const chunks: Buffer[] = [];
  server = createServer((s) => s.on('data', (d: Buffer) => chunks.push(d)));
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  const socket = new Socket();
  client = socket;
  await new Promise<void>((r) => socket.connect((server!.address() as AddressInfo).port, '127.0.0.1', r));
  socket.setNoDelay(true);
  // What leaves as one system call: _writev for a corked batch, _write for a lone chunk.
  let flushes = 0;
  const inner = socket as unknown as {
    _writev: (...a: unknown[]) => void;
    _write: (...a: unknown[]) => void;
  };
  const writev = inner._writev.bind(socket);
  const write = inner._write.bind(socket);
  inner._writev = (...a) => (flushes++, writev(...a));
  inner._write = (...a) => (flushes++, write(...a));
  return { received: () => Buffer.concat(chunks), socket, flushes: () => flushes };
}

describe('coalesceWrites', () => {
  it('sends what one turn wrote as one system write, in order, by the end of the turn', async () => {
    const { received, socket, flushes } = await pair();
    coalesceWrites(socket);
    for (const part of ['open;', 'data;', 'eof;']) socket.write(part);
    expect(socket.writableCorked).toBe(1);
    expect(flushes()).toBe(0);
    await new Promise((r) => process.nextTick(r));
    expect(socket.writableCorked).toBe(0);
    expect(flushes()).toBe(1);
    socket.write('close;');
    await waitFor(() => received().toString() === 'open;data;eof;close;', 'all bytes, in order');
    expect(flushes()).toBe(2);
  });

  it('leaves a plain socket writing each chunk on its own (what the test measures)', async () => {
    const { socket, flushes } = await pair();
    for (const part of ['open;', 'data;', 'eof;']) socket.write(part);
    await new Promise((r) => process.nextTick(r));
    expect(flushes()).toBeGreaterThan(1);
  });
});
