import type { DockerHostApi } from '../docker/host-api.js';
import type { Container } from '../domain/container.js';
import type { DockerVersionInfo, HostProblem } from '../domain/host.js';
import { systemClock, type Clock } from '../util/clock.js';
import { problemOf } from './problem.js';

export type ProbeResult =
  | { ok: true; docker?: DockerVersionInfo; latencyMs?: number; containers: Container[] }
  | { ok: false; problem: HostProblem };

export interface ProbeOptions {
  all: boolean;
  /**
   * A backstop over the whole look. Each step has its own, shorter deadline in the transport
   * (SSH handshake, channel open, Docker answer), whose error says what answered; this one only
   * fires when the steps together take too long.
   */
  timeoutMs: number;
  clock?: Clock;
  /**
   * False: the container list alone (`ps`): no /info and no /_ping, one request per host. Default
   * true: the daemon's facts and a warm round trip too (`hosts`, the dashboard).
   */
  details?: boolean;
  /**
   * False: info and the list without the warm ping (the dashboard's watcher pings right after it
   * shows the host up; the version and round trip follow with that answer). Default true.
   */
  ping?: boolean;
}

/**
 * One full look at a host: info and the container list, a ping on the warm connection; or the
 * list alone (`details: false`).
 * Times out per host so one slow host never delays the fleet; the time spent waiting for a
 * handshake slot does not count.
 */
export async function probeHost(api: DockerHostApi, opts: ProbeOptions): Promise<ProbeResult> {
  const clock = opts.clock ?? systemClock;
  // Waiting for a handshake slot is the client's queue (300 hosts, a few dozen handshakes at
  // once), not the host's slowness: the backstop starts once this host's handshake does.
  await api.handshakeStarted?.();
  let cancel: (() => void) | undefined;
  const timeout = new Promise<never>((_, reject) => {
    cancel = clock.after(opts.timeoutMs, () =>
      reject(
        Object.assign(
          new Error(
            `no complete answer within ${Math.round(opts.timeoutMs / 1000)} s (connecting, ${opts.details === false ? 'container list' : '/info, container list, /_ping'}) — check the host's load and its link`,
          ),
          { probeTimeout: true },
        ),
      ),
    );
  });
  try {
    return await Promise.race([
      opts.details === false ? listOnly(api, opts.all) : probe(api, opts.all, opts.ping !== false),
      timeout,
    ]);
  } catch (err) {
    return { ok: false, problem: withTimeoutCode(problemOf(api.name, err), err) };
  } finally {
    cancel?.();
  }
}

async function listOnly(api: DockerHostApi, all: boolean): Promise<ProbeResult> {
  return { ok: true, containers: await api.listContainers({ all }) };
}

async function probe(api: DockerHostApi, all: boolean, withPing: boolean): Promise<ProbeResult> {
  // Info and the list at once (the first answer negotiates the API version); the ping once the
  // list is in, so the round trip shown to operators is a warm connection's, not its handshake.
  const listed = api.listContainers({ all });
  const [info, containers, ping] = await Promise.all([
    api.info(),
    listed,
    withPing ? listed.then(() => api.ping()) : undefined,
  ]);
  return {
    ok: true,
    ...(ping ? { latencyMs: ping.latencyMs } : {}),
    containers,
    docker: {
      ...(info.engine ? { engine: info.engine } : {}),
      serverVersion: info.serverVersion,
      ...(ping ? { apiVersion: ping.apiVersion } : {}),
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
  if (problem.code === 'unknown' && (err as { probeTimeout?: boolean } | null)?.probeTimeout) {
    return { code: 'timeout', message: problem.message };
  }
  return problem;
}
