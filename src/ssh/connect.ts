import type { ConnectConfig } from 'ssh2';
import { planAuth, type AuthSources } from './auth.js';
import type { SshChannel, SshClientFactory, SshClientLike } from './client-like.js';
import { SshConnection } from './connection.js';
import { endpointLabel, parseProxyJump, type SshEndpoint } from './endpoint.js';
import { classifyConnectError, SshError } from './errors.js';
import { HostKeyChecker, type KnownHostsStore } from './host-verifier.js';

export interface ConnectOptions {
  clientFactory: SshClientFactory;
  readyTimeoutMs: number;
  keepaliveIntervalMs: number;
  keepaliveCountMax: number;
  authSources: AuthSources;
  knownHostsStore?: KnownHostsStore;
  /** Run one pty session after connecting (see warmUpPty). Default true. */
  warmUpPty?: boolean;
}

const WARMUP_TIMEOUT_MS = 3_000;

/** Connects to `endpoint` (through its jump host if any), verified and authenticated. */
export async function connectEndpoint(endpoint: SshEndpoint, opts: ConnectOptions): Promise<SshConnection> {
  const label = endpointLabel(endpoint);
  let jump: SshClientLike | undefined;
  let sock: SshChannel | undefined;
  if (endpoint.proxyJump) {
    const jumpEndpoint = parseProxyJump(endpoint.proxyJump, endpoint);
    try {
      jump = await connectClient(jumpEndpoint, opts);
      sock = await forwardTo(jump, endpoint.host, endpoint.port);
    } catch (err) {
      jump?.end();
      const e = classifyConnectError(err, endpointLabel(jumpEndpoint));
      throw new SshError(e.code, `via jump host ${endpoint.proxyJump} to ${label}: ${e.message}`, {
        cause: err,
      });
    }
  }
  let client: SshClientLike;
  try {
    client = await connectClient(endpoint, opts, sock);
  } catch (err) {
    jump?.end();
    throw err;
  }
  const connection = new SshConnection(client, label, jump);
  // Requests are small writes in a row (headers, then body or channel EOF): with Nagle on, the
  // second waits for the server's delayed ACK (~40 ms).
  client.setNoDelay?.(true);
  // ssh2 leaves Nagle on for its socket: a request's channel-open, data and EOF packets then wait
  // for the server's delayed ACK (~40 ms per call, measured on the lab). Our side sends no bulk.
  client.setNoDelay?.(true);
  if (opts.warmUpPty !== false) await warmUpPty(client);
  return connection;
}

function forwardTo(jump: SshClientLike, host: string, port: number): Promise<SshChannel> {
  return new Promise((resolve, reject) =>
    jump.forwardOut('127.0.0.1', 0, host, port, (err, ch) => (err ? reject(err) : resolve(ch))),
  );
}

async function connectClient(
  endpoint: SshEndpoint,
  opts: ConnectOptions,
  sock?: SshChannel,
): Promise<SshClientLike> {
  const label = endpointLabel(endpoint);
  const checker = await HostKeyChecker.load({
    host: endpoint.host,
    port: endpoint.port,
    knownHostsFile: endpoint.knownHostsFile,
    policy: endpoint.hostKeyPolicy,
    store: opts.knownHostsStore,
  });
  const plan = await planAuth(endpoint.user, endpoint.identityFiles, opts.authSources);
  const notes = plan.notes.length ? ` (${plan.notes.join('; ')})` : '';
  if (plan.attempts.length === 0)
    throw new SshError(
      'auth-failed',
      `no key to log in to ${label}: no usable identity file${notes} and no ssh-agent (SSH_AUTH_SOCK unset) — set identityFiles for this host or start ssh-agent`,
    );

  const client = opts.clientFactory();
  const config: ConnectConfig = {
    host: endpoint.host,
    port: endpoint.port,
    username: endpoint.user,
    sock,
    hostVerifier: checker.verify,
    algorithms: { serverHostKey: checker.preferredAlgorithms() },
    authHandler: plan.attempts,
    readyTimeout: opts.readyTimeoutMs,
    keepaliveInterval: opts.keepaliveIntervalMs,
    keepaliveCountMax: opts.keepaliveCountMax,
  };
  await new Promise<void>((resolve, reject) => {
    const fail = (err: unknown): void => {
      cleanup();
      client.on('error', () => undefined);
      client.end();
      if (checker.refusal) return reject(checker.refusal);
      const e = classifyConnectError(err, label);
      reject(e.code === 'auth-failed' ? new SshError(e.code, `${e.message}${notes}`, { cause: err }) : e);
    };
    const onReady = (): void => {
      cleanup();
      resolve();
    };
    const onClose = (): void =>
      fail(new SshError('disconnected', `ssh connection to ${label} closed during the handshake`));
    const cleanup = (): void => {
      client.off('ready', onReady);
      client.off('error', fail);
      client.off('close', onClose);
    };
    client.once('ready', onReady);
    client.on('error', fail);
    client.once('close', onClose);
    try {
      client.connect(config);
    } catch (err) {
      fail(err);
    }
  });
  return client;
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
