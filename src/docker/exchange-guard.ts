import type { Duplex } from 'node:stream';
import type { ExchangePolicy } from './deadlines.js';
import { AnswerTooLargeError, DaemonSilentError } from './transport-errors.js';

type Write = Duplex['write'];

/**
 * Holds one HTTP exchange on `socket` to its policy: the first byte of the answer within
 * `answerMs` of our last byte written (a request body may take long to upload, so each write
 * restarts the wait); for a call, the whole answer within `completeMs` of its first byte and at most
 * `maxBytes`. A breach fails the request with a DaemonSilentError / AnswerTooLargeError and closes
 * the channel. Works on any duplex (an SSH channel or a unix socket): http's client only reads and
 * writes it.
 */
export function guardExchange(socket: Duplex, policy: ExchangePolicy, request: string): void {
  let timer: NodeJS.Timeout | undefined;
  let answered = false;
  let over = false;
  let received = 0;

  const clear = (): void => {
    over = true;
    clearTimeout(timer);
  };
  const arm = (ms: number, breach: () => Error): void => {
    clearTimeout(timer);
    timer = setTimeout(() => fail(breach()), ms);
    timer.unref?.();
  };
  const fail = (err: Error): void => {
    if (over) return;
    clear();
    // ssh2's Channel.destroy() takes no error and may never emit 'close' if the far side is hung:
    // hand the error to http ourselves, then close.
    socket.emit('error', err);
    socket.destroy();
  };

  // A breach may come after http let go of the socket: never let its 'error' go unheard.
  socket.on('error', () => undefined);

  const write = socket.write as Write;
  socket.write = function guardedWrite(this: Duplex, ...args: Parameters<Write>): boolean {
    if (!answered && !over)
      arm(policy.answerMs, () => new DaemonSilentError(request, policy.answerMs, 'answer'));
    return write.apply(this, args);
  } as Write;
  const destroy = socket.destroy.bind(socket);
  socket.destroy = ((err?: Error) => {
    clear();
    return destroy(err);
  }) as Duplex['destroy'];

  socket.on('data', (chunk: Buffer) => {
    if (over) return;
    if (!answered) {
      answered = true;
      clearTimeout(timer);
      if (policy.kind === 'stream') return clear();
      arm(policy.completeMs, () => new DaemonSilentError(request, policy.completeMs, 'body'));
    }
    received += chunk.length;
    if (received > policy.maxBytes) {
      // http's own 'data' listener still gets this chunk: fail after it, and read no further.
      socket.pause();
      const err = new AnswerTooLargeError(request, policy.maxBytes, 'answer');
      process.nextTick(() => fail(err));
    }
  });
  socket.once('end', clear);
  socket.once('close', clear);
}
