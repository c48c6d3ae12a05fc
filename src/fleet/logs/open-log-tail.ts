import type { DockerHostApi } from '../../docker/host-api.js';
import { LogTail, type LogTailOptions } from './log-tail.js';
import type { OpenLogTail } from './reader.js';
import type { ServiceLogSource } from './service-source.js';
import type { LogSourceTarget } from './source-stream.js';

/**
 * How the dashboard reads logs. A frame every 100 ms: it draws at most 10 frames a second anyway
 * (Ink's maxFps) and every published frame costs a render. A source is read at up to 512 KiB/s
 * (~10,000 short lines a second, more than a screen can show) so that a flooding container cannot
 * take the process's CPU from keys and other hosts; once a flood's backlog is 3 s old it is
 * skipped, with a notice, so the view keeps showing the newest lines.
 */
export const DASHBOARD_TAIL = {
  frameMs: 100,
  bytesPerSecond: 512 * 1024,
  maxLagMs: 3_000,
} as const satisfies Partial<LogTailOptions>;

/**
 * Builds the dashboard's log opener over the fleet's gateways, so every stream is a channel on its
 * host's existing SSH connection. A container whose host has no gateway is skipped (the caller
 * only offers containers from the store, so that means the host left the fleet meanwhile).
 */
export function logTailOpener(
  apis: ReadonlyMap<string, DockerHostApi>,
  opts: Omit<LogTailOptions, 'follow'> = {},
  /** The manager a swarm is read from now: a service's logs are read there. */
  managerOf: (swarm: string) => DockerHostApi | undefined = () => undefined,
): OpenLogTail {
  return (containers, services = []) => {
    const sources = containers.flatMap((container): LogSourceTarget[] => {
      const api = apis.get(container.host);
      return api ? [{ host: container.host, api, container }] : [];
    });
    const ofServices = services.flatMap((service): ServiceLogSource[] => {
      const api = managerOf(service.swarm);
      return api ? [{ host: service.swarm, api, service }] : [];
    });
    return new LogTail([...sources, ...ofServices], { ...DASHBOARD_TAIL, ...opts, follow: true }).start();
  };
}
