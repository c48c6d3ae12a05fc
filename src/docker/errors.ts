import type { HostProblem, HostProblemCode } from '../domain/host.js';
import { formatBytes, formatWait } from '../domain/format/index.js';
import { SshOutputLimitError } from '../ssh/connection.js';
import { SshError, type SshErrorCode } from '../ssh/errors.js';
import { HostApiError } from './host-api.js';
import { JsonObjectTooLargeError } from './json-stream.js';
import { AnswerTooLargeError, DaemonSilentError } from './transport-errors.js';

const FROM_SSH: Record<SshErrorCode, HostProblemCode> = {
  'auth-failed': 'auth-failed',
  'host-key-unknown': 'host-key-unknown',
  'host-key-mismatch': 'host-key-mismatch',
  'connection-refused': 'connection-refused',
  unreachable: 'connection-refused',
  timeout: 'timeout',
  dns: 'dns',
  'socket-missing': 'socket-missing',
  'socket-permission-denied': 'socket-permission-denied',
  'channel-failed': 'docker-error',
  disconnected: 'disconnected',
  unknown: 'unknown',
};

interface ErrorFields {
  message: string;
  code?: string;
  statusCode?: number;
  dockerMessage?: string;
}

function fieldsOf(err: unknown): ErrorFields {
  if (typeof err !== 'object' || err === null) return { message: String(err) };
  const e = err as { message?: unknown; code?: unknown; statusCode?: unknown; json?: unknown };
  const json = e.json as { message?: unknown } | undefined;
  return {
    message: typeof e.message === 'string' ? e.message : String(err),
    code: typeof e.code === 'string' ? e.code : undefined,
    statusCode: typeof e.statusCode === 'number' ? e.statusCode : undefined,
    dockerMessage: typeof json?.message === 'string' ? json.message : undefined,
  };
}

export interface ErrorContext {
  /** What was being done, e.g. `GET /containers/json`. */
  what: string;
  /** The Docker socket (local, or on the SSH host), to name it in messages. */
  socketPath?: string;
  /** How the daemon is reached: over SSH, the messages say whether SSH itself answered. */
  transport?: 'ssh' | 'local';
}

/**
 * Any failure of a gateway call as a HostApiError whose message names the host, the thing, what
 * answered and what did not, and what to do. The one place errors of the transport are classified.
 */
export function toHostApiError(host: string, err: unknown, ctx: ErrorContext): HostApiError {
  if (err instanceof HostApiError) return err;
  const problem = (code: HostProblemCode, message: string): HostApiError =>
    new HostApiError(host, { code, message: `${host}: ${message}` } satisfies HostProblem, { cause: err });
  const sock = ctx.socketPath ?? 'the Docker socket';
  const overSsh = ctx.transport === 'ssh';
  if (err instanceof DaemonSilentError) {
    const daemon = `${overSsh ? 'SSH up, ' : ''}Docker daemon at ${sock}`;
    const check = `dockerd may be hung or overloaded — check it on the host (systemctl status docker)`;
    return problem(
      'daemon-not-answering',
      err.phase === 'answer'
        ? `${daemon} not answering for ${formatWait(err.waitedMs)} (${err.request} unanswered) — ${check}`
        : `${daemon} stopped answering mid-way (${err.request} incomplete after ${formatWait(err.waitedMs)}) — ${check}`,
    );
  }
  if (err instanceof AnswerTooLargeError) {
    return problem(
      'response-too-large',
      `Docker's answer to ${err.request} passed ${formatBytes(err.limitBytes)}, so it was cut off — a broken or hostile daemon? (fleetdeck reads at most that much of one answer)`,
    );
  }
  if (err instanceof JsonObjectTooLargeError) {
    return problem(
      'response-too-large',
      `one object on ${ctx.what} passed ${formatBytes(err.limit)} without ending, so the stream was stopped — a broken or hostile daemon?`,
    );
  }
  if (err instanceof SshOutputLimitError) return problem('response-too-large', err.message);
  if (err instanceof SshError) return problem(FROM_SSH[err.code], err.message);
  const f = fieldsOf(err);
  if (f.statusCode !== undefined) {
    return problem(
      'docker-error',
      `Docker answered ${f.statusCode} to ${ctx.what}: ${f.dockerMessage ?? f.message}`,
    );
  }
  switch (f.code) {
    case 'ENOENT':
      return problem(
        'socket-missing',
        `${sock} does not exist — is Docker running, and is the socket path right?`,
      );
    case 'EACCES':
    case 'EPERM':
      return problem(
        'socket-permission-denied',
        `no permission to use ${sock} — add your user to the docker group or run as a user that may`,
      );
    case 'ECONNREFUSED':
      return problem('connection-refused', `nothing is listening on ${sock} — is Docker running?`);
    case 'ECONNRESET':
    case 'EPIPE':
      return problem('disconnected', `the connection dropped during ${ctx.what} — it will be retried`);
  }
  if (/socket hang up/i.test(f.message))
    return problem('disconnected', `the connection dropped during ${ctx.what} — it will be retried`);
  if (/within \d+ ms|timed? ?out/i.test(f.message))
    return problem('timeout', `${ctx.what} timed out (${f.message})`);
  return problem('unknown', `${ctx.what} failed: ${f.message}`);
}
