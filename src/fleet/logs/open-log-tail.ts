import type { DockerHostApi } from '../../docker/host-api.js';
import { LogTail, type LogTailOptions } from './log-tail.js';
import type { OpenLogTail } from './reader.js';
import type { LogSourceTarget } from './source-stream.js';

/**
 * Builds the dashboard's log opener over the fleet's gateways, so every stream is a channel on its
 * host's existing SSH connection. A container whose host has no gateway is skipped (the caller
 * only offers containers from the store, so that means the host left the fleet meanwhile).
 */
export function logTailOpener(
  apis: ReadonlyMap<string, DockerHostApi>,
  opts: Omit<LogTailOptions, 'follow'> = {},
): OpenLogTail {
  return (containers) => {
    const sources = containers.flatMap((container): LogSourceTarget[] => {
      const api = apis.get(container.host);
      return api ? [{ host: container.host, api, container }] : [];
    });
    return new LogTail(sources, { ...opts, follow: true }).start();
  };
}
