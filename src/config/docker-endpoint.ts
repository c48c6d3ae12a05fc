import { parseSshTarget, type SshTarget } from './ssh-target.js';

export const DEFAULT_DOCKER_SOCKET = '/var/run/docker.sock';

/**
 * A Docker endpoint URL (`DOCKER_HOST`, a context's `Host`) in the forms fleetdeck can reach:
 * - `unix:///path` — a socket on this machine;
 * - `ssh://[user@]host[:port]` — through fleetdeck's own SSH pool, host key checked against
 *   known_hosts like every fleet host (never docker-modem's ssh client);
 * - `tcp://`, `http(s)://`, `npipe://`, `fd://` — not supported (fleetdeck reads no
 *   DOCKER_TLS_VERIFY / DOCKER_CERT_PATH): refused with the reason, nothing is connected.
 */
export type DockerEndpoint =
  | { kind: 'local'; socketPath: string }
  | { kind: 'ssh'; target: SshTarget; socket: string }
  | { kind: 'unsupported'; reason: string };

export function parseDockerEndpoint(url: string): DockerEndpoint {
  if (url.startsWith('unix://')) {
    const socketPath = url.slice('unix://'.length);
    return socketPath.startsWith('/')
      ? { kind: 'local', socketPath }
      : { kind: 'unsupported', reason: `${url}: expected an absolute socket path (unix:///path)` };
  }
  if (url.startsWith('ssh://')) {
    const rest = url.slice('ssh://'.length);
    const slash = rest.indexOf('/');
    const authority = slash >= 0 ? rest.slice(0, slash) : rest;
    // The docker CLI refuses a path after the host too; the remote socket is always the default.
    if (slash >= 0 && rest.slice(slash) !== '/') {
      return {
        kind: 'unsupported',
        reason: `${url}: unexpected path after the host (the docker CLI refuses it too)`,
      };
    }
    const target = parseSshTarget(authority);
    return target
      ? { kind: 'ssh', target, socket: DEFAULT_DOCKER_SOCKET }
      : { kind: 'unsupported', reason: `${url}: expected ssh://[user@]host[:port]` };
  }
  if (/^(tcp|https?):\/\//.test(url)) {
    return {
      kind: 'unsupported',
      reason: `${url}: tcp:// endpoints are not supported yet — fleetdeck reaches daemons over SSH (ssh://[user@]host[:port]) or a local socket (unix:///path); DOCKER_TLS_VERIFY and DOCKER_CERT_PATH are not read`,
    };
  }
  return {
    kind: 'unsupported',
    reason: `${url}: unknown endpoint scheme (expected unix:///path or ssh://[user@]host[:port])`,
  };
}

/**
 * The "default" Docker context: `$DOCKER_HOST`, else the local socket. `DOCKER_CONTEXT` is not
 * followed (name contexts with --context); `env` is the one given, never read from the process.
 */
export function defaultDockerHost(env: Readonly<Record<string, string | undefined>>): string {
  return env.DOCKER_HOST || `unix://${DEFAULT_DOCKER_SOCKET}`;
}
