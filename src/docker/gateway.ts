import type { HostCommandResult, DockerHostApi } from './host-api.js';
import type { SshHostSpec } from '../domain/host.js';
import { endpointFromHostSpec } from '../ssh/endpoint.js';
import type { PoolEndpoint, SshPool } from '../ssh/pool.js';
import { ChannelAgent } from './channel-agent.js';
import { createGatewayFromParts, type GatewayOptions } from './gateway-core.js';

export { createLocalGateway } from './local-gateway.js';
export type { GatewayOptions } from './gateway-core.js';

export function endpointOf(spec: SshHostSpec): PoolEndpoint {
  return endpointFromHostSpec(spec);
}

/**
 * A DockerHostApi for a host reached over SSH. Every request is a channel on the pool's one
 * connection to the host; the connection is made on first use and remade on demand after a loss.
 */
export function createSshGateway(spec: SshHostSpec, pool: SshPool, opts: GatewayOptions): DockerHostApi {
  const endpoint = endpointOf(spec);
  const release = pool.retain(endpoint);
  const agent = new ChannelAgent({
    host: spec.name,
    readOnly: opts.readOnly,
    openSocket: async () => (await pool.get(endpoint)).openDockerSocket(spec.socket),
  });
  return createGatewayFromParts({
    name: spec.name,
    agent,
    opts,
    release,
    runHostCommand: async (command, timeoutMs): Promise<HostCommandResult> =>
      (await pool.get(endpoint)).run(command, timeoutMs),
  });
}
