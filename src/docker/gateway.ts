import type { HostCommandResult, DockerHostApi } from './host-api.js';
import type { SshHostSpec } from '../domain/host.js';
import { endpointFromHostSpec } from '../ssh/endpoint.js';
import type { PoolEndpoint, SshPool } from '../ssh/pool.js';
import { ChannelAgent } from './channel-agent.js';
import type { DeadlineSettings } from './deadlines.js';
import { createGatewayFromParts, type GatewayOptions } from './gateway-core.js';
import { hostShell } from './host-shell.js';
import { SshDockerSocket } from './ssh-socket.js';

export { createLocalGateway } from './local-gateway.js';
export type { GatewayOptions } from './gateway-core.js';

export function endpointOf(spec: SshHostSpec): PoolEndpoint {
  return endpointFromHostSpec(spec);
}

/**
 * A DockerHostApi for a host reached over SSH. Every request is a channel on the pool's one
 * connection to the host; the connection is made on first use and remade on demand after a loss.
 * Every command it runs there goes through one shell guard (read-only: fleetdeck's reads only).
 */
export function createSshGateway(
  spec: SshHostSpec,
  pool: SshPool,
  opts: GatewayOptions & { deadlines?: DeadlineSettings },
): DockerHostApi {
  const endpoint = endpointOf(spec);
  const release = pool.retain(endpoint);
  const socket = new SshDockerSocket(spec.socket);
  const guard = { host: spec.name, readOnly: opts.readOnly };
  const agent = new ChannelAgent({
    host: spec.name,
    readOnly: opts.readOnly,
    deadlines: opts.deadlines,
    openSocket: async () => {
      const connection = await pool.get(endpoint);
      return socket.open(connection, hostShell(connection, guard));
    },
  });
  const api = createGatewayFromParts({
    name: spec.name,
    agent,
    opts,
    socketPath: spec.socket,
    transport: 'ssh',
    release,
    runHostCommand: async (command, timeoutMs): Promise<HostCommandResult> =>
      hostShell(await pool.get(endpoint), guard).run(command, timeoutMs),
  });
  api.handshakeStarted = () => pool.handshakeStarted(endpoint);
  return api;
}
