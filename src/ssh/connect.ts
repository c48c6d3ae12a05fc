import type { Duplex } from 'node:stream';
import { systemClock, type Clock } from '../util/clock.js';
import { planAuth, type AuthPlan, type AuthSources } from './auth.js';
import type { SshChannel, SshClientFactory, SshClientLike } from './client-like.js';
import { SshConnection } from './connection.js';
import { endpointLabel, type SshEndpoint, type SshServer } from './endpoint.js';
import { SshError } from './errors.js';
import { handshake, type ConnectStepName } from './handshake.js';
import { HostKeyChecker } from './host-verifier.js';
import type { KnownHostsStore } from './known-hosts-store.js';
import { expandProxyCommand, ProxyCommandStream } from './proxy-command.js';
import { dialTcp, type Dialer } from './tcp-dial.js';

export type { ConnectStepName } from './handshake.js';

/** One step of reaching one server, for `fleetdeck doctor`. */
export interface ConnectStep {
  /** `user@host:port` of the server the step belongs to. */
  server: string;
  role: 'target' | 'jump';
  step: ConnectStepName;
  ok: boolean;
  detail: string;
}

export interface ConnectOptions {
  clientFactory: SshClientFactory;
  /** Per-server deadline (TCP + handshake + login) unless the server has its own ConnectTimeout. */
  readyTimeoutMs: number;
  keepaliveIntervalMs: number;
  keepaliveCountMax: number;
  authSources: AuthSources;
  knownHostsStore?: KnownHostsStore;
  /**
   * Run one pty session after connecting (see warmUpPty), not waited for. Default true; a one-shot
   * listing (one request per host) skips it: it would cost each server a session process for nothing.
   */
  warmUpPty?: boolean;
  /**
   * How long after the handshake the warm-up runs, asked once it is done (default 0: at once).
   * The pool delays it while many handshakes are under way (see SshPool).
   */
  warmUpDelayMs?: () => number;
  /** TCP (tests: no network). */
  dial?: Dialer;
  /** Starts a ProxyCommand (tests may stand in). */
  spawnProxy?: (command: string, label: string) => Duplex;
  onStep?: (step: ConnectStep) => void;
  /** Where each hop's deadline is measured (tests pass a fake). */
  clock?: Pick<Clock, 'now'>;
}

const WARMUP_TIMEOUT_MS = 3_000;

interface Prepared {
  server: SshServer;
  label: string;
  plan: AuthPlan;
  checker: HostKeyChecker;
}

/** OpenSSH's defaults all missing and no agent: one short sentence, not seven paths. */
function noKeyError(p: { server: SshServer; label: string; plan: AuthPlan }): SshError {
  const { server, label, plan } = p;
  const agent = plan.agent
    ? ''
    : server.identityAgent?.toLowerCase() === 'none'
      ? ', IdentityAgent none'
      : ', no ssh-agent (SSH_AUTH_SOCK unset)';
  const why = server.defaultIdentityFiles
    ? `no key in ~/.ssh (id_ed25519, id_rsa, …)${agent}`
    : `no usable identity file${plan.notes.length ? ` (${plan.notes.join('; ')})` : ''}${agent}`;
  return new SshError(
    'auth-failed',
    `no SSH key to log in to ${label}: ${why} — set identityFile for this host or start ssh-agent`,
  );
}

function forwardTo(
  jump: SshClientLike,
  server: SshServer,
  via: string,
  timeoutMs: number,
): Promise<SshChannel> {
  return new Promise((resolve, reject) => {
    let done = false;
    const timer = setTimeout(
      () => {
        done = true;
        reject(
          new SshError(
            'timeout',
            `jump host ${via} did not open a channel to ${server.host}:${server.port} within ${Math.round(timeoutMs / 1000)} s`,
          ),
        );
      },
      Math.max(1, timeoutMs),
    );
    try {
      jump.forwardOut('127.0.0.1', 0, server.host, server.port, (err, channel) => {
        if (done) return channel?.destroy();
        done = true;
        clearTimeout(timer);
        if (!err) return resolve(channel);
        reject(
          new SshError(
            'connection-refused',
            `jump host ${via} could not reach ${server.host}:${server.port}: ${err.message} — is AllowTcpForwarding on there, and is the address right from there?`,
            { cause: err },
          ),
        );
      });
    } catch (err) {
      clearTimeout(timer);
      reject(err);
    }
  });
}

/**
 * Connects to `endpoint` along its route — directly, through a ProxyCommand, or hop by hop
 * through ProxyJump hosts — each server's key verified against its own known_hosts settings and
 * each with its own deadline. Keys and passphrases are settled before the first packet, so a
 * prompt never eats a deadline.
 */
export async function connectEndpoint(endpoint: SshEndpoint, opts: ConnectOptions): Promise<SshConnection> {
  const hops = endpoint.route.kind === 'jump' ? endpoint.route.hops : [];
  const prepared: Prepared[] = [];
  for (const server of [...hops, endpoint]) {
    const label = endpointLabel(server);
    const plan = await planAuth(server, opts.authSources);
    if (plan.steps.length === 0) throw noKeyError({ server, label, plan });
    const checker = await HostKeyChecker.load({
      host: server.host,
      port: server.port,
      hostKeys: server.hostKeys,
      store: opts.knownHostsStore,
    });
    prepared.push({ server, label, plan, checker });
  }

  const clients: SshClientLike[] = [];
  let proxy: Duplex | undefined;
  let index = 0;
  try {
    for (; index < prepared.length; index++) {
      const { server, label, plan, checker } = prepared[index] as Prepared;
      const role = index === prepared.length - 1 ? 'target' : 'jump';
      const step = (name: ConnectStepName, ok: boolean, detail: string): void =>
        opts.onStep?.({ server: label, role, step: name, ok, detail });
      const timeoutMs = server.connectTimeoutMs ?? opts.readyTimeoutMs;
      const started = (opts.clock ?? systemClock).now();
      const previous = clients[index - 1];
      let sock: Duplex;
      if (previous) {
        const via = prepared[index - 1]?.label ?? 'jump host';
        sock = await forwardTo(previous, server, via, timeoutMs).catch((err: unknown) => {
          step('forward', false, (err as Error).message);
          throw err;
        });
        step('forward', true, `channel through ${via}`);
      } else if (endpoint.route.kind === 'command') {
        const command = expandProxyCommand(endpoint.route.command, {
          host: endpoint.host,
          port: endpoint.port,
          user: endpoint.user,
          alias: endpoint.alias ?? endpoint.host,
        });
        proxy = sock = (opts.spawnProxy ?? ((c, l) => new ProxyCommandStream(c, l)))(command, label);
        step('proxy-command', true, command);
      } else {
        const dialed = await (opts.dial ?? dialTcp)(server, {
          timeoutMs,
          ...(opts.clock ? { clock: opts.clock } : {}),
          onStep: (name, detail) => step(name, true, detail),
        }).catch((err: unknown) => {
          step((err as SshError).code === 'dns' ? 'resolve' : 'tcp', false, (err as Error).message);
          throw err;
        });
        sock = dialed.socket;
        checker.address = dialed.address;
      }
      const client = await handshake({
        label,
        host: server.host,
        port: server.port,
        user: server.user,
        sock,
        checker,
        plan,
        timeoutMs: timeoutMs - ((opts.clock ?? systemClock).now() - started),
        clientFactory: opts.clientFactory,
        keepaliveIntervalMs: server.keepaliveIntervalMs ?? opts.keepaliveIntervalMs,
        keepaliveCountMax: server.keepaliveCountMax ?? opts.keepaliveCountMax,
        ...(opts.onStep ? { onStep: step } : {}),
      });
      // A hop whose successor is gone has nothing left to carry.
      if (previous) client.once('close', () => previous.end());
      // A hop's failure shows as its successor closing; unheard, an 'error' would crash the process.
      if (role === 'jump') client.on('error', () => undefined);
      clients.push(client);
    }
  } catch (err) {
    for (const c of clients.reverse()) c.end();
    proxy?.destroy();
    throw inContext(err, index, prepared, proxy);
  }

  const client = clients[clients.length - 1] as SshClientLike;
  const connection = new SshConnection(client, endpointLabel(endpoint), clients[clients.length - 2]);
  if (proxy) {
    const stream = proxy;
    client.once('close', () => stream.destroy());
  }
  // ssh2 leaves Nagle on for its socket: a request's channel-open, data and EOF packets then wait
  // for the server's delayed ACK (~40 ms per call, measured on the lab). Our side sends no bulk.
  client.setNoDelay?.(true);
  // Beside the first requests, not before them: it only makes later answers faster. In a fleet's
  // start-up burst, later still (warmUpDelayMs).
  if (opts.warmUpPty !== false) {
    const delay = opts.warmUpDelayMs?.() ?? 0;
    if (delay <= 0) void warmUpPty(client);
    else {
      const timer = setTimeout(() => void warmUpPty(client), delay);
      timer.unref?.();
      client.once('close', () => clearTimeout(timer));
    }
  }
  return connection;
}

/** Names the jump host a failure happened at, and adds what a ProxyCommand said on stderr. */
function inContext(
  err: unknown,
  index: number,
  prepared: readonly Prepared[],
  proxy: Duplex | undefined,
): unknown {
  if (!(err instanceof SshError)) return err;
  let message = err.message;
  const stderr = proxy instanceof ProxyCommandStream ? proxy.errorOutput : '';
  if (stderr && !message.includes(stderr.split('\n')[0] ?? stderr))
    message += ` (ProxyCommand said: ${stderr.split('\n').slice(-2).join(' / ')})`;
  const target = prepared[prepared.length - 1]?.label;
  if (index < prepared.length - 1)
    message = `via jump host ${prepared[index]?.label} to ${target}: ${message}`;
  return message === err.message ? err : new SshError(err.code, message, { cause: err });
}

/**
 * OpenSSH's sshd sets TCP_NODELAY only once a session with a pty exists; without one small
 * responses wait ~40 ms for Nagle. Failure is harmless (just slower), so it is ignored.
 */
async function warmUpPty(client: SshClientLike): Promise<void> {
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, WARMUP_TIMEOUT_MS);
    const done = (): void => {
      clearTimeout(timer);
      resolve();
    };
    try {
      client.exec('true', { pty: true }, (err, ch) => {
        if (err) return done();
        ch.on('error', () => undefined);
        ch.resume();
        ch.once('close', done);
      });
    } catch {
      done();
    }
  });
}
