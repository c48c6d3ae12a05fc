import type { EventEmitter } from 'node:events';
import type { Duplex, Readable } from 'node:stream';
import type { ConnectConfig, ExecOptions } from 'ssh2';

/** The parts of an ssh2 channel we use: a duplex with a separate stderr for exec sessions. */
export interface SshChannel extends Duplex {
  stderr: Readable;
}

export type ChannelCallback = (err: Error | undefined, channel: SshChannel) => void;

/** The parts of ssh2's Client the transport uses; tests pass fakes through `clientFactory`. */
export interface SshClientLike extends EventEmitter {
  connect(config: ConnectConfig): unknown;
  end(): unknown;
  /** TCP_NODELAY on the underlying socket (ssh2 leaves Nagle on). */
  setNoDelay?(noDelay?: boolean): unknown;
  exec(command: string, options: ExecOptions, callback: ChannelCallback): unknown;
  openssh_forwardOutStreamLocal(socketPath: string, callback: ChannelCallback): unknown;
  setNoDelay?(noDelay: boolean): unknown;
  forwardOut(
    srcIP: string,
    srcPort: number,
    dstIP: string,
    dstPort: number,
    callback: ChannelCallback,
  ): unknown;
}

export type SshClientFactory = () => SshClientLike;
