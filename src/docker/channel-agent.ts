import { Agent, type ClientRequestArgs } from 'node:http';
import type { Duplex } from 'node:stream';
import { inspect } from 'node:util';
import { isReadMethod, ReadOnlyRefusal } from './read-only.js';

export interface ChannelAgentOptions {
  /** Host name, for messages. */
  host: string;
  /** Opens one byte stream to the Docker API (an SSH channel, or a unix socket). */
  openSocket: () => Promise<Duplex>;
  readOnly: boolean;
}

type SocketLike = Duplex & {
  setTimeout?: unknown;
  setNoDelay?: unknown;
  setKeepAlive?: unknown;
  ref?: unknown;
  unref?: unknown;
};

/**
 * http.Agent whose sockets are streams from `openSocket`, one per request (Docker closes them
 * after each response). A read-only agent refuses every non-GET/HEAD request before it is sent.
 */
export class ChannelAgent extends Agent {
  private readonly open = new Set<Duplex>();

  constructor(private readonly channelOpts: ChannelAgentOptions) {
    super({ keepAlive: false });
  }

  override createConnection(
    options: ClientRequestArgs,
    callback?: (err: Error | null, stream: Duplex) => void,
  ): Duplex | null | undefined {
    const done = callback ?? (() => undefined);
    const { host, readOnly, openSocket } = this.channelOpts;
    if (readOnly && !isReadMethod(options.method)) {
      done(
        new ReadOnlyRefusal(host, options.method ?? 'GET', options.path ?? '/'),
        undefined as unknown as Duplex,
      );
      return undefined;
    }
    openSocket().then(
      (socket) => {
        this.track(socket);
        done(null, withSocketMethods(socket));
      },
      (err: Error) => done(err, undefined as unknown as Duplex),
    );
    return undefined;
  }

  /** Closes every stream still open (event and log streams included). */
  closeAll(): void {
    for (const s of this.open) s.destroy();
    this.open.clear();
  }

  get openCount(): number {
    return this.open.size;
  }

  // docker-modem util.inspects its request options, agent included, on every request; the default
  // walk over an agent holding an ssh2 client costs 15-32 ms of CPU each time.
  [inspect.custom](): string {
    return `ChannelAgent(${this.channelOpts.host})`;
  }

  private track(socket: Duplex): void {
    this.open.add(socket);
    socket.once('close', () => this.open.delete(socket));
  }
}

const noop = function (this: Duplex): Duplex {
  return this;
};

/** http's client calls a few net.Socket methods that SSH channels lack. */
function withSocketMethods(socket: Duplex): Duplex {
  const s = socket as SocketLike;
  for (const name of ['setTimeout', 'setNoDelay', 'setKeepAlive', 'ref', 'unref'] as const) {
    if (typeof s[name] !== 'function') s[name] = noop;
  }
  return socket;
}
