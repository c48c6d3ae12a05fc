import type { DockerHostApi } from '../docker/host-api.js';
import type { Container } from '../domain/container.js';
import type { DockerVersionInfo, HostProblem } from '../domain/host.js';
import { problemOf } from './problem.js';

export type ProbeResult =
  | { ok: true; docker: DockerVersionInfo; latencyMs: number; containers: Container[] }
  | { ok: false; problem: HostProblem };

/**
 * One full look at a host: ping (negotiates the API version), info, container list.
 * Times out per host so one slow host never delays the fleet.
 */
export async function probeHost(
  api: DockerHostApi,
  opts: { all: boolean; timeoutMs: number },
): Promise<ProbeResult> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new Error(
            `no answer within ${Math.round(opts.timeoutMs / 1000)} s — check the host and its SSH port`,
          ),
        ),
      opts.timeoutMs,
    );
  });
  try {
    return await Promise.race([probe(api, opts.all), timeout]);
  } catch (err) {
    return { ok: false, problem: withTimeoutCode(problemOf(api.name, err), err) };
  } finally {
    clearTimeout(timer);
  }
}

async function probe(api: DockerHostApi, all: boolean): Promise<ProbeResult> {
  // The first ping pays for the SSH handshake and negotiates the API version; the round trip
  // shown to operators is that of a warm connection.
  await api.ping();
  const [info, containers] = await Promise.all([api.info(), api.listContainers({ all })]);
  const ping = await api.ping();
  return {
    ok: true,
    latencyMs: ping.latencyMs,
    containers,
    docker: {
      serverVersion: info.serverVersion,
      apiVersion: ping.apiVersion,
      os: info.os,
      arch: info.arch,
      kernelVersion: info.kernelVersion,
      storageDriver: info.driver,
      dockerRootDir: info.dockerRootDir,
      containersRunning: info.containersRunning,
      containersTotal: info.containers,
      swarm: info.swarm,
    },
  };
}

function withTimeoutCode(problem: HostProblem, err: unknown): HostProblem {
  if (problem.code === 'unknown' && err instanceof Error && err.message.startsWith('no answer within')) {
    return { code: 'timeout', message: problem.message };
  }
  return problem;
}
