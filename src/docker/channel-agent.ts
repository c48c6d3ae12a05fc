import { Agent, type ClientRequest, type ClientRequestArgs } from 'node:http';
import type { Duplex } from 'node:stream';
import { inspect } from 'node:util';
import { DEFAULT_DEADLINES, exchangePolicy, requestLabel, type DeadlineSettings } from './deadlines.js';
import { guardExchange } from './exchange-guard.js';
import { isReadMethod, ReadOnlyRefusal } from './read-only.js';

export interface ChannelAgentOptions {
  /** Host name, for messages. */
  host: string;
  /** Opens one byte stream to the Docker API (an SSH channel, or a unix socket); has its own deadline. */
  openSocket: () => Promise<Duplex>;
  readOnly: boolean;
  /** Per-request deadlines and size caps (deadlines.ts); tests shorten them. */
  deadlines?: DeadlineSettings;
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
 * after each response). Every request — dockerode's and our own — is held to its deadline and size
 * cap here (exchange-guard.ts). A read-only agent refuses every non-GET/HEAD request before it is sent.
 */
export class ChannelAgent extends Agent {
  private readonly open = new Set<Duplex>();
  private readonly deadlines: DeadlineSettings;
  /** The request being given a socket (createConnection's options carry no request path). */
  private placing: ClientRequest | undefined;

  constructor(private readonly channelOpts: ChannelAgentOptions) {
    super({ keepAlive: false });
    this.deadlines = channelOpts.deadlines ?? DEFAULT_DEADLINES;
  }

  /**
   * Node's http client hands every request to its agent here (not in @types/node); without
   * keep-alive or a socket limit, createConnection runs synchronously inside it.
   */
  addRequest(req: ClientRequest, options: ClientRequestArgs): void {
    this.placing = req;
    try {
      (Agent.prototype as unknown as { addRequest: ChannelAgent['addRequest'] }).addRequest.call(
        this,
        req,
        options,
      );
    } finally {
      this.placing = undefined;
    }
  }

  override createConnection(
    options: ClientRequestArgs,
    callback?: (err: Error | null, stream: Duplex) => void,
  ): Duplex | null | undefined {
    const done = callback ?? (() => undefined);
    const { host, readOnly, openSocket } = this.channelOpts;
    const method = this.placing?.method ?? options.method ?? 'GET';
    const path = this.placing?.path ?? '/';
    if (readOnly && !isReadMethod(method)) {
      done(new ReadOnlyRefusal(host, method, path), undefined as unknown as Duplex);
      return undefined;
    }
    openSocket().then(
      (socket) => {
        this.track(socket);
        guardExchange(socket, exchangePolicy(method, path, this.deadlines), requestLabel(method, path));
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
    const forget = (): void => void this.open.delete(socket);
    socket.once('close', forget);
    // A channel closed because its exchange broke may never see 'close' from a hung far side.
    socket.once('error', forget);
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
