import type { Socket } from 'node:net';

/**
 * Makes the packets ssh2 writes in one turn of the event loop leave in one system call. ssh2
 * writes every SSH packet to the socket on its own — a request on a channel is an open, its
 * data, an EOF; an answer brings a window adjust and a close — and with Nagle off (connect.ts)
 * each was a write(2) and a TCP segment: ~100 per host in the dashboard's first seconds, a fifth
 * of its CPU at 100 hosts. The socket is corked at the first write of a turn and uncorked on the
 * next tick, so what was written meanwhile goes out as one writev(2). Nothing waits longer than
 * the turn that wrote it.
 */
export function coalesceWrites(socket: Socket): void {
  const write = socket.write.bind(socket) as (...args: unknown[]) => boolean;
  let corked = false;
  const uncork = () => {
    corked = false;
    socket.uncork();
  };
  socket.write = ((...args: unknown[]) => {
    if (!corked && !socket.destroyed) {
      corked = true;
      socket.cork();
      process.nextTick(uncork);
    }
    return write(...args);
  }) as Socket['write'];
}
