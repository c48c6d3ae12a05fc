import { lookup } from 'node:dns/promises';
import { isIP, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { endpointLabel, type SshServer } from './endpoint.js';
import { systemClock, type Clock } from '../util/clock.js';
import { classifyConnectError, SshError } from './errors.js';
import { coalesceWrites } from './coalesce-writes.js';

export interface Dialed {
  socket: Duplex;
  /** The IP address connected to (CheckHostIP, doctor). */
  address: string;
}

/** Opens the byte stream to a server; injectable so unit tests need no network. */
export type Dialer = (
  server: Pick<SshServer, 'host' | 'port' | 'user' | 'addressFamily'>,
  opts: {
    timeoutMs: number;
    onStep?: (step: 'resolve' | 'tcp', detail: string) => void;
    /** Measures the time the lookup took out of the deadline (tests pass a fake). */
    clock?: Pick<Clock, 'now'>;
  },
) => Promise<Dialed>;

const FAMILY = { any: 0, inet: 4, inet6: 6 } as const;

/**
 * Resolves (AddressFamily: inet / inet6 / any) and connects over TCP within `timeoutMs`: the
 * two first steps of reaching a host, reported apart so `doctor` and errors can say which failed.
 */
export const dialTcp: Dialer = async (server, opts) => {
  const label = endpointLabel(server);
  const clock = opts.clock ?? systemClock;
  const started = clock.now();
  let address = server.host;
  if (isIP(server.host) === 0) {
    try {
      const found = await lookup(server.host, { family: FAMILY[server.addressFamily ?? 'any'] });
      address = found.address;
    } catch (err) {
      throw classifyConnectError(err, label);
    }
  }
  opts.onStep?.('resolve', address);
  const remaining = Math.max(1, opts.timeoutMs - (clock.now() - started));
  const socket = new Socket();
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.destroy();
      reject(
        new SshError(
          'timeout',
          `no TCP connection to ${server.host}:${server.port} (${address}) within ${Math.round(opts.timeoutMs / 1000)} s — host down or firewalled?`,
        ),
      );
    }, remaining);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      // Until ssh2 takes the socket (a tick later) an error must not go unheard; ssh2 reports its own.
      socket.on('error', () => undefined);
      resolve();
    });
    socket.once('error', (err) => {
      clearTimeout(timer);
      reject(classifyConnectError(err, label));
    });
    socket.connect({ host: address, port: server.port });
  });
  opts.onStep?.('tcp', `${address}:${server.port}`);
  coalesceWrites(socket);
  return { socket, address };
};
