import { PassThrough } from 'node:stream';
import type {
  DockerHostApi,
  EventSubscription,
  HostCommandResult,
  LogStream,
  PingResult,
} from '../../src/docker/host-api.js';
import { HostApiError } from '../../src/docker/host-api.js';
import type { Container } from '../../src/domain/container.js';
import type { ContainerDetails } from '../../src/domain/details.js';
import type { FleetEvent } from '../../src/domain/event.js';
import type { HostProblem } from '../../src/domain/host.js';
import type { DockerInfo, SystemDf } from '../../src/domain/info.js';
import type { StatsSample } from '../../src/domain/stats.js';

/** Builds a Container with sensible defaults for tests. */
export function makeContainer(host: string, name: string, over: Partial<Container> = {}): Container {
  return {
    host,
    id: `${name}-id`.padEnd(12, '0'),
    name,
    role: name.replace(/-\d+$/, ''),
    image: 'tiny:latest',
    imageId: 'sha256:aaa',
    command: 'sh',
    created: 1_700_000_000,
    state: 'running',
    status: 'Up 5 minutes',
    health: 'none',
    labels: {},
    ports: [],
    ...over,
  };
}

/**
 * A scriptable in-memory Docker host. `down` makes every call fail like an unreachable host;
 * `emit` pushes an event to live subscribers; `calls` counts calls per method.
 */
export class FakeHostApi implements DockerHostApi {
  containers: Container[] = [];
  down?: HostProblem;
  readonly calls = new Map<string, number>();
  private subscribers = new Set<{ onEvent: (e: FleetEvent) => void; onEnd: (err?: HostApiError) => void }>();
  statsFor: (id: string, n: number) => StatsSample;
  info_: Partial<DockerInfo> = {};

  constructor(readonly name: string) {
    this.statsFor = (id, n) => ({
      host: name,
      id,
      time: n * 1000,
      cpuTotalNs: n * 50_000_000,
      systemCpuNs: n * 1_000_000_000,
      onlineCpus: 2,
      memUsageBytes: 1_000_000 + n,
      memLimitBytes: 8_000_000,
    });
  }

  private count(method: string): void {
    this.calls.set(method, (this.calls.get(method) ?? 0) + 1);
    if (this.down) throw new HostApiError(this.name, this.down);
  }

  callCount(method: string): number {
    return this.calls.get(method) ?? 0;
  }

  /** Simulates losing the host: live streams end with the problem. */
  goDown(problem: HostProblem): void {
    this.down = problem;
    for (const s of [...this.subscribers]) s.onEnd(new HostApiError(this.name, problem));
    this.subscribers.clear();
  }

  emit(e: Omit<FleetEvent, 'host'>): void {
    for (const s of this.subscribers) s.onEvent({ host: this.name, ...e });
  }

  get liveSubscriptions(): number {
    return this.subscribers.size;
  }

  async ping(): Promise<PingResult> {
    this.count('ping');
    return { apiVersion: '1.41', latencyMs: 3 };
  }
  async info(): Promise<DockerInfo> {
    this.count('info');
    return {
      serverVersion: '20.10.24',
      driver: 'overlay2',
      driverStatus: [],
      dockerRootDir: '/var/lib/docker',
      containers: this.containers.length,
      containersRunning: this.containers.filter((c) => c.state === 'running').length,
      images: 1,
      ...this.info_,
    };
  }
  async version() {
    this.count('version');
    return { version: '20.10.24', apiVersion: '1.41' };
  }
  async listContainers(opts: { all: boolean }): Promise<Container[]> {
    this.count('listContainers');
    return this.containers.filter((c) => opts.all || c.state === 'running');
  }
  async inspectContainer(id: string): Promise<ContainerDetails> {
    this.count('inspectContainer');
    const c = this.containers.find((x) => x.id === id);
    if (!c)
      throw new HostApiError(this.name, {
        code: 'docker-error',
        message: `${this.name}: no container ${id}`,
      });
    return {
      ...c,
      createdAt: '2026-01-01T00:00:00Z',
      exitCode: c.exitCode ?? 0,
      oomKilled: false,
      restartCount: 0,
      restartPolicy: { name: 'no', maximumRetryCount: 0 },
      init: false,
      entrypoint: [],
      cmd: ['sh'],
      pid: 1,
      tty: false,
      env: [],
      mounts: [],
      healthLog: [],
      networks: [],
    };
  }
  private statsN = new Map<string, number>();
  async statsOnce(id: string): Promise<StatsSample> {
    this.count('statsOnce');
    const n = (this.statsN.get(id) ?? 0) + 1;
    this.statsN.set(id, n);
    return this.statsFor(id, n);
  }
  async systemDf(): Promise<SystemDf> {
    this.count('systemDf');
    const zero = { count: 0, active: 0, sizeBytes: 0, reclaimableBytes: 0 };
    return { images: zero, containers: zero, volumes: zero, buildCache: zero };
  }
  async events(
    _opts: { since?: number },
    onEvent: (e: FleetEvent) => void,
    onEnd: (err?: HostApiError) => void,
  ): Promise<EventSubscription> {
    this.count('events');
    const sub = { onEvent, onEnd };
    this.subscribers.add(sub);
    return { close: () => void this.subscribers.delete(sub) };
  }
  async logs(): Promise<LogStream> {
    this.count('logs');
    const stream = new PassThrough();
    return { stream, tty: false, close: () => stream.destroy() };
  }
  async runHostCommand(_command: string, _opts?: { timeoutMs?: number }): Promise<HostCommandResult> {
    this.count('runHostCommand');
    return { code: 0, stdout: '', stderr: '' };
  }
  async request(): Promise<{ statusCode: number; body: unknown }> {
    this.count('request');
    return { statusCode: 204, body: undefined };
  }
  async close(): Promise<void> {
    this.subscribers.clear();
  }
}

/** Resolves when `predicate` holds, polling; rejects with `what` after `timeoutMs`. */
export async function waitFor(predicate: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
