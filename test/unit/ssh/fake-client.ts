import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import type { ConnectConfig, ExecOptions } from 'ssh2';
import type { ChannelCallback, SshChannel, SshClientLike } from '../../../src/ssh/client-like.js';
import type { PoolEndpoint } from '../../../src/ssh/pool.js';
import type { Dialer } from '../../../src/ssh/tcp-dial.js';

export type ConnectBehaviour = 'ready' | 'hang' | Error;

/** A channel whose output is given up front; `exit` is emitted before close. */
export function scriptedChannel(stdout: string, code = 0): SshChannel {
  const ch = new PassThrough() as unknown as SshChannel & PassThrough;
  ch.stderr = new PassThrough();
  setImmediate(() => {
    ch.write(stdout);
    ch.emit('exit', code);
    ch.end();
    ch.emit('close');
  });
  return ch;
}

/** Stands in for ssh2's Client: connects (or not) as told, records what it was asked. */
export class FakeClient extends EventEmitter implements SshClientLike {
  config: ConnectConfig | undefined;
  ended = false;
  execs: string[] = [];
  streamLocalOpens: string[] = [];
  forwards: string[] = [];
  /** Answers direct-tcpip opens (jump hosts); default: a fresh channel. */
  onForward: (host: string, port: number, cb: ChannelCallback) => void = (_h, _p, cb) =>
    cb(undefined, scriptedChannel(''));
  /** Answers stream-local opens; default: a fresh channel. */
  onStreamLocal: (path: string, cb: ChannelCallback) => void = (_p, cb) => cb(undefined, scriptedChannel(''));
  onExec: (command: string, cb: ChannelCallback) => void = (_c, cb) => cb(undefined, scriptedChannel(''));

  constructor(private readonly behaviour: ConnectBehaviour) {
    super();
  }

  connect(config: ConnectConfig): this {
    this.config = config;
    const b = this.behaviour;
    if (b === 'ready') setImmediate(() => this.emit('ready'));
    else if (b instanceof Error) setImmediate(() => this.emit('error', b));
    return this;
  }

  end(): this {
    if (!this.ended) {
      this.ended = true;
      setImmediate(() => this.emit('close'));
    }
    return this;
  }

  /** Simulates the server going away. */
  drop(): void {
    this.emit('error', Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }));
    this.emit('close');
  }

  exec(command: string, _options: ExecOptions, cb: ChannelCallback): this {
    this.execs.push(command);
    this.onExec(command, cb);
    return this;
  }

  openssh_forwardOutStreamLocal(path: string, cb: ChannelCallback): this {
    this.streamLocalOpens.push(path);
    this.onStreamLocal(path, cb);
    return this;
  }

  forwardOut(_a: string, _b: number, host: string, port: number, cb: ChannelCallback): this {
    this.forwards.push(`${host}:${port}`);
    this.onForward(host, port, cb);
    return this;
  }
}

export function endpoint(host: string, extra: Partial<PoolEndpoint> = {}): PoolEndpoint {
  return {
    host,
    port: 22,
    user: 'ops',
    identityFiles: [],
    hostKeys: { userKnownHostsFiles: ['/k/known_hosts'], globalKnownHostsFiles: [], policy: 'strict' },
    route: { kind: 'direct' },
    ...extra,
  };
}

/** A dialer that "connects" anywhere at once (the fake client ignores the stream). */
export const fakeDial: Dialer = async (server, opts) => {
  const address = `192.0.2.${server.port % 250}`;
  opts.onStep?.('resolve', address);
  opts.onStep?.('tcp', `${address}:${server.port}`);
  return { socket: new PassThrough(), address };
};

export const refused = (): Error =>
  Object.assign(new Error('connect ECONNREFUSED 10.0.0.7:22'), {
    code: 'ECONNREFUSED',
    level: 'client-socket',
  });

/** Pool options that need no files, agent or pty. */
export const quietPoolOptions = {
  authSources: { agentSocket: '/fake/agent.sock' },
  knownHostsStore: { read: async () => '', append: async () => true },
  warmUpPty: false,
  dial: fakeDial,
};
