import type Dockerode from 'dockerode';
import type { DockerHostApi } from './host-api.js';

// Only docker/ imports this module: dockerode never leaves docker/, but mutation helpers
// (actions' docker-side half) need the negotiated instance of a gateway.
const registry = new WeakMap<DockerHostApi, () => Promise<Dockerode>>();

export function registerDockerode(api: DockerHostApi, get: () => Promise<Dockerode>): void {
  registry.set(api, get);
}

/**
 * The dockerode instance behind a gateway, API version negotiated. Its agent still enforces the
 * gateway's read-only mode. Rejects for gateways not made by this folder (fakes).
 */
export function dockerodeOf(api: DockerHostApi): Promise<Dockerode> {
  const get = registry.get(api);
  return get ? get() : Promise.reject(new Error(`${api.name}: not a fleetdeck Docker gateway`));
}
