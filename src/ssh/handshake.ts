import type { Duplex } from 'node:stream';
import type { ConnectConfig } from 'ssh2';
import { AuthSequence, type AuthPlan } from './auth.js';
import type { SshClientFactory, SshClientLike } from './client-like.js';
import { classifyConnectError, SshError } from './errors.js';
import type { HostKeyChecker } from './host-verifier.js';

/** The steps of reaching one server, as `doctor` lists them. */
export type ConnectStepName =
  'resolve' | 'tcp' | 'proxy-command' | 'forward' | 'banner' | 'host-key' | 'auth';

export interface HandshakeInput {
  label: string;
  host: string;
  port: number;
  user: string;
  sock: Duplex;
  checker: HostKeyChecker;
  plan: AuthPlan;
  /** Left of this server's deadline (ConnectTimeout). */
  timeoutMs: number;
  clientFactory: SshClientFactory;
  keepaliveIntervalMs: number;
  keepaliveCountMax: number;
  onStep?: (step: ConnectStepName, ok: boolean, detail: string) => void;
}

type Stage = 'banner' | 'host-key' | 'auth';

const STUCK_AT: Record<Stage, string> = {
  banner:
    'TCP connected, but no SSH handshake — is an SSH server listening there, or is it overloaded (MaxStartups)?',
  'host-key': 'the host key check did not finish',
  auth: 'logging in did not finish (server or ssh-agent not answering)',
};

/**
 * The SSH handshake and login of one server over `sock`, within `timeoutMs`. A refused host key
 * is reported with the checker's reason (ssh2 only says "Host denied"); a failed login names the
 * methods tried and why some keys were not.
 */
export function handshake(input: HandshakeInput): Promise<SshClientLike> {
  const { label, checker, plan, onStep } = input;
  const client = input.clientFactory();
  const sequence = new AuthSequence(plan.steps);
  const notes = plan.notes.length ? ` (${plan.notes.join('; ')})` : '';
  let stage: Stage = 'banner';

  const verify = (blob: Buffer, done: (ok: boolean) => void): void => {
    stage = 'host-key';
    checker.verify(blob, (ok) => {
      if (ok) {
        onStep?.('host-key', true, checker.outcome ?? 'accepted');
        stage = 'auth';
      }
      done(ok);
    });
  };
  const config: ConnectConfig = {
    host: input.host,
    port: input.port,
    username: input.user,
    sock: input.sock,
    hostVerifier: verify,
    algorithms: { serverHostKey: checker.preferredAlgorithms() },
    authHandler: sequence.handler,
    // Our own deadline below covers the whole login; ssh2's would start a second clock.
    readyTimeout: 0,
    keepaliveInterval: input.keepaliveIntervalMs,
    keepaliveCountMax: input.keepaliveCountMax,
  };
  if (onStep) {
    // Only for doctor: ssh2 calls debug for every packet.
    config.debug = (line: string) => {
      const m = /^Remote ident: '(.*)'$/.exec(line);
      if (m?.[1]) onStep('banner', true, m[1]);
    };
  }

  return new Promise<SshClientLike>((resolve, reject) => {
    let settled = false;
    const timer = setTimeout(
      () => {
        fail(
          new SshError(
            'timeout',
            `ssh connection to ${label} timed out after ${Math.round(input.timeoutMs / 1000)} s: ${STUCK_AT[stage]}`,
          ),
        );
      },
      Math.max(1, input.timeoutMs),
    );
    const finish = (): void => {
      settled = true;
      clearTimeout(timer);
      client.off('ready', onReady);
      client.off('error', fail);
      client.off('close', onClose);
    };
    function fail(err: unknown): void {
      if (settled) return;
      finish();
      client.on('error', () => undefined);
      client.end();
      input.sock.destroy();
      if (checker.refusal) {
        onStep?.('host-key', false, checker.refusal.message);
        return reject(checker.refusal);
      }
      const e = classifyConnectError(err, label);
      if (e.code !== 'auth-failed') {
        onStep?.(stage, false, e.message);
        return reject(e);
      }
      const tried = sequence.tried.length ? `tried ${sequence.tried.join(', ')}` : 'nothing to try';
      onStep?.('auth', false, `${tried}${notes}`);
      reject(
        new SshError(
          'auth-failed',
          `ssh login to ${label} as ${input.user} failed (${tried})${notes} — set identityFile for this host, or load the key into ssh-agent (ssh-add)`,
          { cause: err },
        ),
      );
    }
    const onReady = (): void => {
      finish();
      const before = sequence.tried.slice(0, -1);
      onStep?.(
        'auth',
        true,
        `${sequence.current ?? 'accepted'}${before.length ? ` (refused first: ${before.join(', ')})` : ''}`,
      );
      resolve(client);
    };
    const onClose = (): void =>
      fail(new SshError('disconnected', `ssh connection to ${label} closed during the handshake`));
    client.once('ready', onReady);
    client.on('error', fail);
    client.once('close', onClose);
    try {
      client.connect(config);
    } catch (err) {
      fail(err);
    }
  });
}
