import type {
  SwarmMutations,
  SwarmService,
  SwarmServiceSpec,
  SwarmTask,
} from '../../../src/docker/mutations/index.js';
import type { ContainerDetails } from '../../../src/domain/details.js';
import { details, FakeMutations } from './fake-mutations.js';

export function swarmService(over: Partial<SwarmService> = {}): SwarmService {
  return {
    host: 'lab-1',
    id: 'svc0123456789abcdef',
    name: 'api',
    version: 42,
    spec: {
      Name: 'api',
      Labels: { team: 'core' },
      TaskTemplate: {
        ContainerSpec: { Image: 'tiny:latest', Args: ['sh', '-c', 'serve'] },
        RestartPolicy: { Condition: 'any' },
      },
      Mode: { Replicated: { Replicas: 3 } },
      UpdateConfig: {
        Parallelism: 1,
        FailureAction: 'pause',
        Monitor: 5e9,
        MaxFailureRatio: 0,
        Order: 'stop-first',
      },
    },
    image: 'tiny:latest',
    mode: 'replicated',
    replicas: 3,
    publishedPorts: [],
    ...over,
  };
}

export function task(slot: number, image: string, over: Partial<SwarmTask> = {}): SwarmTask {
  return {
    id: `task-${slot}-${image}`,
    slot,
    nodeId: 'node-1',
    image,
    state: 'running',
    desiredState: 'running',
    message: 'started',
    containerId: `c-${slot}-${image}`,
    since: slot,
    ...over,
  };
}

/** What one poll after the update shows: the update state and how many slots run the new image. */
export interface SwarmStep {
  state?: string;
  message?: string;
  onNew: number;
  /** Tasks of the new image that failed (with their Status.Err), shown from this step on. */
  failed?: SwarmTask[];
}

/**
 * A Swarm manager in memory: after `update`, each GET of the service shows the next scripted
 * step (the last one repeats). Every call is logged in `calls`.
 */
export class FakeSwarm implements SwarmMutations {
  readonly calls: string[] = [];
  readonly updates: Array<{ id: string; version: number; spec: SwarmServiceSpec; rollback: boolean }> = [];
  membershipOf = { state: 'active', isManager: true };
  current: SwarmService;
  liveTasks: SwarmTask[];
  script: SwarmStep[] = [];
  /** Script played after a rollback request (cancel). */
  rollbackScript: SwarmStep[] = [{ state: 'rollback_completed', message: 'rollback completed', onNew: 0 }];
  private playing: SwarmStep[] | undefined;
  private failed: SwarmTask[] = [];
  private oldImage = '';

  constructor(
    readonly host: string,
    service: SwarmService = swarmService({ host }),
  ) {
    this.current = service;
    this.liveTasks = [1, 2, 3].map((s) => task(s, service.image));
  }

  membership(): Promise<{ state: string; isManager: boolean }> {
    return Promise.resolve(this.membershipOf);
  }
  services(): Promise<SwarmService[]> {
    this.calls.push('services');
    return Promise.resolve([this.current]);
  }
  service(id: string): Promise<SwarmService> {
    this.calls.push(`service ${id}`);
    const step = this.playing?.length
      ? this.playing.length > 1
        ? this.playing.shift()!
        : this.playing[0]!
      : undefined;
    if (step) {
      const newImage = this.updates.at(-1)!.spec.TaskTemplate?.ContainerSpec?.Image ?? '';
      this.liveTasks = [1, 2, 3].map((s) => task(s, s <= step.onNew ? newImage : this.oldImage));
      if (step.failed) this.failed = step.failed;
      if (step.state) {
        this.current = {
          ...this.current,
          updateStatus: {
            state: step.state,
            message: step.message ?? '',
            startedAt: `T${this.updates.length}`,
          },
        };
      }
    }
    return Promise.resolve(this.current);
  }
  tasks(serviceId: string): Promise<SwarmTask[]> {
    this.calls.push(`tasks ${serviceId}`);
    return Promise.resolve([...this.liveTasks, ...this.failed]);
  }
  update(
    id: string,
    version: number,
    spec: SwarmServiceSpec,
    opts: { rollback?: boolean } = {},
  ): Promise<string[]> {
    this.calls.push(`update ${id} v${version}${opts.rollback ? ' rollback' : ''}`);
    this.updates.push({ id, version, spec, rollback: opts.rollback ?? false });
    if (!opts.rollback) this.oldImage = this.current.image;
    this.current = {
      ...this.current,
      version: this.current.version + 1,
      ...(opts.rollback ? {} : { spec, image: spec.TaskTemplate?.ContainerSpec?.Image ?? '' }),
    };
    this.playing = [...(opts.rollback ? this.rollbackScript : this.script)];
    return Promise.resolve([]);
  }
}

/** A fleet host whose containers are the service's tasks (labels as the daemon sets them). */
export function swarmHost(
  host: string,
  swarm: FakeSwarm | undefined,
  extra: ContainerDetails[] = [],
  roleLabel?: string,
): FakeMutations & { swarm?: FakeSwarm } {
  const tasks = (swarm?.liveTasks ?? []).map((t) =>
    details(host, `api.${t.slot}.${t.id}`, {
      id: t.containerId!,
      role: roleLabel ?? `api.${t.slot}.${t.id}`,
      labels: {
        'com.docker.swarm.service.name': swarm!.current.name,
        'com.docker.swarm.service.id': swarm!.current.id,
        ...(roleLabel ? { role: roleLabel } : {}),
      },
    }),
  );
  const m = new FakeMutations(host, [...tasks, ...extra]);
  return swarm ? Object.assign(m, { swarm }) : m;
}
