import { createServer, connect, type Server, type Socket } from 'node:net';

/*
 * A TCP proxy the tests own, put in front of a lab host's sshd to give it a bad link. This
 * kernel has no netem qdisc, so delay and stalls are made here, in user space:
 *   - pass-through: bytes go straight on;
 *   - delay: every chunk is held `delayMs` in each direction, order kept (a slow link);
 *   - stall: nothing is forwarded and nothing read, sockets stay open (a link that went silent);
 *     `stallAfter(n)` lets n more bytes through on each connection first (a stall mid-stream);
 *   - cut: every open connection is reset on both sides (new ones are accepted again);
 *   - resume: a stall ends and what was held flows on, as on a link that comes back.
 * Used in-process by tests (FaultProxy.start) and as a process of its own by the bench and by
 * hand (test/support/fault-proxy.mjs, see fault-proxy-cli.ts).
 */

export interface FaultProxyOptions {
  /** Where the proxy forwards to (the lab host's sshd). */
  targetPort: number;
  targetHost?: string;
  /** Where it listens; 0 (default) picks a free port. Always on 127.0.0.1. */
  listenPort?: number;
  delayMs?: number;
}

export interface FaultProxyStatus {
  port: number;
  targetPort: number;
  delayMs: number;
  stalled: boolean;
  /** Set while `stallAfter` counts down. */
  stallAfterBytes: number | null;
  accepted: number;
  open: number;
  /** Bytes forwarded client → target and target → client since the start. */
  bytesUp: number;
  bytesDown: number;
}

/** What a test or the bench can do to a link, whether the proxy runs in-process or as a child. */
export interface FaultLink {
  readonly port: number;
  setDelay(ms: number): Promise<void>;
  stall(): Promise<void>;
  stallAfter(bytes: number): Promise<void>;
  resume(): Promise<void>;
  /** Back to a clean link: no delay, no stall. */
  passThrough(): Promise<void>;
  cut(): Promise<void>;
  status(): Promise<FaultProxyStatus>;
  close(): Promise<void>;
}

// Beyond this many bytes waiting in one direction the sender is paused (TCP back-pressure).
const HIGH_WATER = 1 << 20;

interface Held {
  due: number;
  chunk: Buffer | 'end';
}

/** One direction of one connection: what came in from `from`, on its way to `to`. */
class Direction {
  private readonly queue: Held[] = [];
  private queued = 0;
  private timer: NodeJS.Timeout | undefined;
  private lastDue = 0;

  constructor(
    private readonly from: Socket,
    private readonly to: Socket,
    private readonly link: Link,
    private readonly counted: (n: number) => void,
  ) {
    from.on('data', (chunk: Buffer) => this.push(chunk));
    from.on('end', () => this.push('end'));
  }

  private push(chunk: Buffer | 'end'): void {
    // Order is kept even when the delay shrinks: nothing overtakes what is already held.
    this.lastDue = Math.max(this.lastDue, Date.now() + this.link.proxy.delayMs);
    this.queue.push({ due: this.lastDue, chunk });
    if (chunk !== 'end') {
      this.queued += chunk.length;
      if (this.queued > HIGH_WATER) this.from.pause();
    }
    this.pump();
  }

  pump(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.link.stalled) {
      this.from.pause();
      return;
    }
    for (;;) {
      const head = this.queue[0];
      if (head === undefined) break;
      const wait = head.due - Date.now();
      if (wait > 0) {
        this.timer = setTimeout(() => this.pump(), wait);
        break;
      }
      if (head.chunk === 'end') {
        this.queue.shift();
        this.to.end();
        continue;
      }
      const allowed = this.link.allowance();
      if (allowed <= 0) return this.link.stallNow();
      const chunk = head.chunk.length > allowed ? head.chunk.subarray(0, allowed) : head.chunk;
      if (chunk === head.chunk) this.queue.shift();
      else head.chunk = head.chunk.subarray(allowed);
      this.queued -= chunk.length;
      this.link.forwarded(chunk.length);
      this.counted(chunk.length);
      if (!this.to.destroyed) this.to.write(chunk);
    }
    if (this.queued <= HIGH_WATER && !this.from.destroyed) this.from.resume();
  }

  stop(): void {
    clearTimeout(this.timer);
  }
}

/** A client connection and its connection to the target. */
class Link {
  stalled: boolean;
  private budget: number | null;
  private readonly directions: Direction[];

  constructor(
    readonly proxy: FaultProxy,
    readonly client: Socket,
    readonly target: Socket,
  ) {
    this.stalled = proxy.stalled;
    this.budget = proxy.stallAfterBytes;
    this.directions = [
      new Direction(client, target, this, (n) => (proxy.bytesUp += n)),
      new Direction(target, client, this, (n) => (proxy.bytesDown += n)),
    ];
  }

  /** Bytes this link may still forward before it stalls. */
  allowance(): number {
    return this.budget ?? Number.POSITIVE_INFINITY;
  }

  forwarded(n: number): void {
    if (this.budget !== null) this.budget -= n;
  }

  stallNow(): void {
    this.stalled = true;
    this.client.pause();
    this.target.pause();
  }

  set(stalled: boolean, budget: number | null): void {
    this.stalled = stalled;
    this.budget = budget;
    for (const d of this.directions) d.pump();
  }

  destroy(reset: boolean): void {
    for (const d of this.directions) d.stop();
    for (const s of [this.client, this.target]) {
      if (reset && !s.destroyed) s.resetAndDestroy();
      else s.destroy();
    }
  }
}

export class FaultProxy implements FaultLink {
  delayMs: number;
  stalled = false;
  stallAfterBytes: number | null = null;
  accepted = 0;
  bytesUp = 0;
  bytesDown = 0;
  private readonly links = new Set<Link>();

  private constructor(
    private readonly server: Server,
    readonly port: number,
    private readonly opts: FaultProxyOptions,
  ) {
    this.delayMs = opts.delayMs ?? 0;
  }

  static async start(opts: FaultProxyOptions): Promise<FaultProxy> {
    const server = createServer({ pauseOnConnect: true });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(opts.listenPort ?? 0, '127.0.0.1', () => resolve());
    });
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('fault proxy: no TCP address');
    const proxy = new FaultProxy(server, address.port, opts);
    server.on('connection', (client) => proxy.accept(client));
    return proxy;
  }

  private accept(client: Socket): void {
    this.accepted++;
    const target = connect({ port: this.opts.targetPort, host: this.opts.targetHost ?? '127.0.0.1' });
    for (const s of [client, target]) {
      s.setNoDelay(true);
      // Paused before the link listens for data, so that a stalled proxy reads nothing at all.
      s.pause();
    }
    const link = new Link(this, client, target);
    this.links.add(link);
    // A side that fails takes the other with it (reset), as through a middlebox; a side that
    // closes cleanly has sent its end through the link, and the other side follows by itself.
    // A target that refuses the connection resets the client (it sees ECONNRESET).
    const closed = new Set<Socket>();
    for (const s of [client, target]) {
      s.on('error', () => undefined);
      s.on('close', (hadError: boolean) => {
        closed.add(s);
        if (hadError) this.drop(link, true);
        else if (closed.size === 2) this.links.delete(link);
      });
    }
    if (!this.stalled) {
      client.resume();
      target.resume();
    }
  }

  private drop(link: Link, reset: boolean): void {
    if (!this.links.delete(link)) return;
    link.destroy(reset);
  }

  async setDelay(ms: number): Promise<void> {
    this.delayMs = Math.max(0, ms);
  }

  async stall(): Promise<void> {
    this.stalled = true;
    this.stallAfterBytes = null;
    for (const l of this.links) l.set(true, null);
  }

  async stallAfter(bytes: number): Promise<void> {
    this.stallAfterBytes = Math.max(0, bytes);
    for (const l of this.links) l.set(l.stalled, this.stallAfterBytes);
  }

  async resume(): Promise<void> {
    this.stalled = false;
    this.stallAfterBytes = null;
    for (const l of this.links) l.set(false, null);
  }

  async passThrough(): Promise<void> {
    this.delayMs = 0;
    await this.resume();
  }

  async cut(): Promise<void> {
    for (const l of [...this.links]) this.drop(l, true);
  }

  async status(): Promise<FaultProxyStatus> {
    return {
      port: this.port,
      targetPort: this.opts.targetPort,
      delayMs: this.delayMs,
      stalled: this.stalled,
      stallAfterBytes: this.stallAfterBytes,
      accepted: this.accepted,
      open: this.links.size,
      bytesUp: this.bytesUp,
      bytesDown: this.bytesDown,
    };
  }

  async close(): Promise<void> {
    await this.cut();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
