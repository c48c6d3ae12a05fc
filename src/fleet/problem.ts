import { HostApiError } from '../docker/host-api.js';
import type { HostProblem, HostStateKind } from '../domain/host.js';

/** Turns whatever a host call threw into a HostProblem that names the host. */
export function problemOf(host: string, err: unknown): HostProblem {
  if (err instanceof HostApiError) return err.problem;
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'unknown', message: `${host}: ${message}` };
}

/** Reached the host but its Docker daemon is not (fully) usable → degraded; else unreachable. */
export function stateForProblem(problem: HostProblem): HostStateKind {
  switch (problem.code) {
    case 'socket-missing':
    case 'socket-permission-denied':
    case 'api-too-old':
    case 'docker-error':
    case 'daemon-not-answering':
    case 'response-too-large':
      return 'degraded';
    default:
      return 'unreachable';
  }
}
