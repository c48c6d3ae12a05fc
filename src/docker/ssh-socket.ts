import type { SshChannel } from '../ssh/client-like.js';
import type { SshConnection } from '../ssh/connection.js';
import { SshError } from '../ssh/errors.js';
import { sanitizeLine } from '../domain/text/sanitize.js';
import { dialStdioCommand } from './dial-stdio-command.js';
import { DialStdioStream } from './dial-stdio-stream.js';
import type { HostShell } from './host-shell.js';
import { readSocketProbe, socketProbeCommand } from './socket-probe.js';

const PROBE_TIMEOUT_MS = 10_000;

export { dialStdioCommand } from './dial-stdio-command.js';

/** How one SSH connection reaches the Docker socket (remembered for the connection's life). */
interface Route {
  dialStdio: boolean;
  /** A stream-local channel opened on this connection once: a later refusal is not a policy. */
  streamLocalWorked: boolean;
}

/**
 * Byte streams to one host's Docker socket over SSH: a direct-streamlocal channel, or
 * `docker system dial-stdio` where the server refuses stream-local forwarding. A failed open is
 * explained by probing the socket (missing, not a socket, not permitted).
 */
export class SshDockerSocket {
  private readonly routes = new WeakMap<SshConnection, Route>();

  constructor(readonly socketPath: string) {}

  /** True once stream-local forwarding was refused on `connection` and dial-stdio is used. */
  usesDialStdio(connection: SshConnection): boolean {
    return this.routes.get(connection)?.dialStdio ?? false;
  }

  async open(connection: SshConnection, shell: HostShell): Promise<SshChannel> {
    const route = this.routeOf(connection);
    if (route.dialStdio) return this.openDialStdio(connection, shell);
    try {
      const channel = await connection.openStreamLocal(this.socketPath);
      route.streamLocalWorked = true;
      return channel;
    } catch (err) {
      if (connection.closed || (err instanceof SshError && err.code === 'timeout')) throw err;
      const probe = readSocketProbe(
        (await shell.run(socketProbeCommand(this.socketPath), PROBE_TIMEOUT_MS)).stdout,
      );
      const where = `${this.socketPath} on ${connection.label}`;
      if (probe === 'missing')
        throw new SshError(
          'socket-missing',
          `Docker socket ${where} does not exist — is Docker running, and is the socket path right?`,
          { cause: err },
        );
      if (probe === 'not-socket')
        throw new SshError(
          'socket-missing',
          `${where} is not a socket — set the Docker socket path of this host`,
          {
            cause: err,
          },
        );
      if (probe === 'denied') {
        const user = connection.user;
        throw new SshError(
          'socket-permission-denied',
          `${user} may not use Docker socket ${where} — add ${user} to the docker group (usermod -aG docker ${user}) or use another user`,
          { cause: err },
        );
      }
      // The socket is fine. If stream-local never worked here, the server refuses it: use the CLI.
      // If it did, the daemon itself refused the connection (e.g. a full accept queue).
      if (probe === 'unknown' || route.streamLocalWorked)
        throw new SshError(
          'channel-failed',
          `cannot open Docker socket ${where}: ${(err as Error).message}`,
          {
            cause: err,
          },
        );
      route.dialStdio = true;
      return this.openDialStdio(connection, shell);
    }
  }

  private routeOf(connection: SshConnection): Route {
    let route = this.routes.get(connection);
    if (!route) {
      route = { dialStdio: false, streamLocalWorked: false };
      this.routes.set(connection, route);
    }
    return route;
  }

  private async openDialStdio(connection: SshConnection, shell: HostShell): Promise<SshChannel> {
    const channel = await shell.exec(dialStdioCommand(this.socketPath));
    return new DialStdioStream(
      channel,
      (code, stderr) =>
        new SshError(
          'channel-failed',
          `SSH up, Docker daemon at ${this.socketPath} on ${connection.label} not reachable: docker system dial-stdio exited ${code}` +
            (stderr ? ` (${sanitizeLine(stderr)})` : '') +
            ' — is dockerd running? (systemctl status docker)',
        ),
    );
  }
}
