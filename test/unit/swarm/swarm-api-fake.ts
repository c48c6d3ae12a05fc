import type { FleetEvent } from '../../../src/domain/event.js';
import { HostApiError, type DockerHostApi, type EventSubscription } from '../../../src/docker/host-api.js';
import type { RawNode, RawSwarmService, RawSwarmTask } from '../../../src/docker/swarm-map.js';

/** A raw Engine API node, as `GET /nodes` lists it. */
export function rawNode(
  id: string,
  over: { manager?: boolean; leader?: boolean; availability?: string; state?: string } = {},
): RawNode {
  return {
    ID: id,
    Spec: {
      Role: over.manager ? 'manager' : 'worker',
      Availability: over.availability ?? 'active',
      Labels: { zone: 'a' },
    },
    Description: { Hostname: `host-${id}`, Engine: { EngineVersion: '20.10.24' } },
    Status: { State: over.state ?? 'ready', Addr: `10.0.0.${id.length}` },
    ManagerStatus: over.manager
      ? { Leader: over.leader ?? false, Reachability: 'reachable', Addr: `10.0.0.1:2377` }
      : null,
  };
}

export function rawService(id: string, name: string, replicas: number, image = 'tiny:1'): RawSwarmService {
  return {
    ID: id,
    Version: { Index: 10 },
    Spec: {
      Name: name,
      TaskTemplate: { ContainerSpec: { Image: image } },
      Mode: { Replicated: { Replicas: replicas } },
    },
  };
}

export function rawTask(
  id: string,
  serviceId: string,
  nodeId: string,
  over: { state?: string; desired?: string; err?: string; image?: string; slot?: number; at?: string } = {},
): RawSwarmTask {
  return {
    ID: id,
    ServiceID: serviceId,
    NodeID: nodeId,
    Slot: over.slot ?? 1,
    DesiredState: over.desired ?? 'running',
    Spec: { ContainerSpec: { Image: over.image ?? 'tiny:1' } },
    Status: {
      State: over.state ?? 'running',
      Message: over.state === 'failed' ? 'started' : 'started',
      Timestamp: over.at ?? '2026-12-02T10:00:00Z',
      ...(over.err ? { Err: over.err } : {}),
    },
  };
}

export interface SwarmWorld {
  clusterId: string;
  nodes: RawNode[];
  services: RawSwarmService[];
  tasks: RawSwarmTask[];
}

/**
 * One manager's daemon, answering the Swarm GETs from a shared world (all managers see one
 * cluster). `down` makes every call fail as an unreachable host; `worker` answers /info as a
 * non-manager. Counts every request by path, for the "calls per minute" figures.
 */
export class FakeSwarmManager implements DockerHostApi {
  down = false;
  worker = false;
  readonly calls: string[] = [];
  private subscribers: Array<{
    onEvent: (e: FleetEvent) => void;
    onEnd: (err?: HostApiError) => void;
    filters?: Record<string, string[]>;
  }> = [];

  constructor(
    readonly name: string,
    readonly nodeId: string,
    readonly world: SwarmWorld,
  ) {}

  private refuse(what: string): never {
    throw new HostApiError(this.name, {
      code: 'connection-refused',
      message: `${this.name}: ssh connection refused (${what})`,
    });
  }

  request(method: string, path: string): Promise<{ statusCode: number; body: unknown }> {
    this.calls.push(`${method} ${path}`);
    if (this.down) return Promise.reject(this.refuse(path));
    if (method !== 'GET') return Promise.resolve({ statusCode: 405, body: { message: 'not in the fake' } });
    const [bare, query] = path.split('?');
    const filters = query
      ? (JSON.parse(decodeURIComponent(query.replace(/^filters=/, ''))) as Record<string, string[]>)
      : {};
    const answer = (body: unknown, statusCode = 200) => Promise.resolve({ statusCode, body });
    if (bare === '/info') {
      return answer({
        Swarm: {
          NodeID: this.nodeId,
          LocalNodeState: 'active',
          ControlAvailable: !this.worker,
          Managers: this.world.nodes.filter((n) => n.Spec?.Role === 'manager').length,
          Nodes: this.world.nodes.length,
          Cluster: this.worker ? null : { ID: this.world.clusterId },
        },
      });
    }
    if (this.worker) return answer({ message: 'This node is not a swarm manager.' }, 503);
    if (bare === '/nodes') return answer(this.world.nodes);
    if (bare === '/services') return answer(this.world.services);
    if (bare === '/tasks') {
      return answer(
        this.world.tasks.filter(
          (t) =>
            (!filters.service || filters.service.includes(t.ServiceID ?? '')) &&
            (!filters.node || filters.node.includes(t.NodeID ?? '')) &&
            (!filters['desired-state'] || filters['desired-state'].includes(t.DesiredState ?? '')),
        ),
      );
    }
    const one = /^\/(nodes|services)\/(.+)$/.exec(bare ?? '');
    if (one) {
      const id = decodeURIComponent(one[2] ?? '');
      const found =
        one[1] === 'nodes'
          ? this.world.nodes.find((x) => x.ID === id || x.Description?.Hostname === id)
          : this.world.services.find((x) => x.ID === id || x.Spec?.Name === id);
      return found ? answer(found) : answer({ message: `${one[1]} ${id} not found` }, 404);
    }
    return answer({ message: `no route ${path}` }, 404);
  }

  events(
    opts: { since?: number; filters?: Record<string, string[]> },
    onEvent: (e: FleetEvent) => void,
    onEnd: (err?: HostApiError) => void,
  ): Promise<EventSubscription> {
    this.calls.push('GET /events');
    if (this.down) return Promise.reject(this.refuse('/events'));
    const sub = { onEvent, onEnd, ...(opts.filters ? { filters: opts.filters } : {}) };
    this.subscribers.push(sub);
    return Promise.resolve({ close: () => (this.subscribers = this.subscribers.filter((s) => s !== sub)) });
  }

  /** Delivers an event to every subscriber whose daemon-side `type` filter lets it through. */
  emit(type: string, action: string, actorId: string, attributes: Record<string, string> = {}): void {
    for (const s of [...this.subscribers]) {
      if (s.filters?.type && !s.filters.type.includes(type)) continue;
      s.onEvent({ host: this.name, time: 0, type, action, actorId, attributes });
    }
  }

  /** The manager goes away: its streams end with an error, every later call fails. */
  kill(): void {
    this.down = true;
    const subs = this.subscribers;
    this.subscribers = [];
    for (const s of subs)
      s.onEnd(
        new HostApiError(this.name, { code: 'disconnected', message: `${this.name}: connection lost` }),
      );
  }

  get subscriberCount(): number {
    return this.subscribers.length;
  }

  ping = () => Promise.reject(new Error('not in the fake'));
  info = () => Promise.reject(new Error('not in the fake'));
  version = () => Promise.reject(new Error('not in the fake'));
  listContainers = () => Promise.reject(new Error('not in the fake'));
  inspectContainer = () => Promise.reject(new Error('not in the fake'));
  statsOnce = () => Promise.reject(new Error('not in the fake'));
  systemDf = () => Promise.reject(new Error('not in the fake'));
  logs = () => Promise.reject(new Error('not in the fake'));
  runHostCommand = () => Promise.reject(new Error('not in the fake'));
  close = () => Promise.resolve();
}

/** A 3-manager, 2-worker world with one service of 6 tasks spread over the nodes. */
export function labWorld(): SwarmWorld {
  const nodes = [
    rawNode('m1', { manager: true, leader: false }),
    rawNode('m2', { manager: true, leader: true }),
    rawNode('m3', { manager: true }),
    rawNode('w1'),
    rawNode('w2'),
  ];
  const services = [rawService('s1', 'web', 6)];
  const tasks = ['m1', 'm2', 'm3', 'w1', 'w2', 'w1'].map((node, i) =>
    rawTask(`t${i + 1}`, 's1', node, { slot: i + 1 }),
  );
  return { clusterId: 'cluster-1', nodes, services, tasks };
}
