/**
 * Failures of the SSH transport. ssh/ may not know the domain's HostProblem, so it has its own
 * codes; docker/ maps them (same spellings where the meaning is the same).
 */
export type SshErrorCode =
  | 'auth-failed'
  | 'host-key-unknown'
  | 'host-key-mismatch'
  | 'connection-refused'
  | 'unreachable'
  | 'timeout'
  | 'dns'
  | 'socket-missing'
  | 'socket-permission-denied'
  | 'channel-failed'
  | 'disconnected'
  | 'unknown';

export class SshError extends Error {
  constructor(
    readonly code: SshErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'SshError';
  }
}

interface NodeishError {
  message?: unknown;
  code?: unknown;
  level?: unknown;
}

function fieldsOf(err: unknown): { message: string; code: string; level: string } {
  const e = (typeof err === 'object' && err !== null ? err : {}) as NodeishError;
  return {
    message: typeof e.message === 'string' ? e.message : String(err),
    code: typeof e.code === 'string' ? e.code : '',
    level: typeof e.level === 'string' ? e.level : '',
  };
}

/**
 * Turns an error from connecting (socket, handshake, auth) into an SshError whose message names
 * the endpoint and what to do. `endpoint` is for people, e.g. `root@10.0.0.7:22`.
 */
export function classifyConnectError(err: unknown, endpoint: string): SshError {
  if (err instanceof SshError) return err;
  const { message, code, level } = fieldsOf(err);
  const make = (c: SshErrorCode, text: string): SshError => new SshError(c, text, { cause: err });
  if (code === 'ECONNREFUSED')
    return make(
      'connection-refused',
      `ssh connection to ${endpoint} refused — is sshd running on that port?`,
    );
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || level === 'client-dns')
    return make(
      'dns',
      `cannot resolve the address of ${endpoint} — check the host name (${code || message})`,
    );
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH')
    return make('unreachable', `no route to ${endpoint} (${code}) — check the network or VPN`);
  if (code === 'ETIMEDOUT' || level === 'client-timeout' || /timed out/i.test(message))
    return make('timeout', `ssh connection to ${endpoint} timed out (${message}) — host down or firewalled?`);
  if (level === 'client-authentication')
    return make(
      'auth-failed',
      `ssh authentication to ${endpoint} failed — set identityFile for this host, or load the key into ssh-agent (ssh-add)`,
    );
  if (code === 'ECONNRESET' || code === 'EPIPE' || /connection lost|closed/i.test(message))
    return make('disconnected', `ssh connection to ${endpoint} was closed by the other side (${message})`);
  return make('unknown', `ssh connection to ${endpoint} failed: ${message}`);
}
