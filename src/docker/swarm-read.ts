import type { SwarmClusterInfo, SwarmNode, SwarmServiceInfo, SwarmTaskInfo } from '../domain/swarm.js';
import type { FleetEvent } from '../domain/event.js';
import { HostApiError, type DockerHostApi, type EventSubscription } from './host-api.js';
import {
  mapCluster,
  mapNode,
  mapService,
  mapTask,
  type RawNode,
  type RawSwarmInfo,
  type RawSwarmService,
  type RawSwarmTask,
} from './swarm-map.js';

export interface SwarmTaskFilter {
  service?: string;
  node?: string;
  /** `running`, `shutdown`, `accepted`: the daemon's `desired-state` filter. */
  desiredState?: string[];
}

/** The swarm's event types a manager streams; there is no task event type in the Engine API. */
export const SWARM_EVENT_TYPES = ['node', 'service'] as const;

/**
 * The Swarm reads of one manager. Every call is one GET on the manager's connection; failures
 * reject with a HostApiError naming the manager and what it answered.
 */
export interface SwarmReader {
  readonly manager: string;
  /** Rejects (code `docker-error`) when the daemon is not an active manager. */
  cluster(): Promise<SwarmClusterInfo>;
  nodes(): Promise<SwarmNode[]>;
  /** `undefined` when the node is gone (404). */
  node(id: string): Promise<SwarmNode | undefined>;
  services(): Promise<SwarmServiceInfo[]>;
  service(id: string): Promise<SwarmServiceInfo | undefined>;
  tasks(filter?: SwarmTaskFilter): Promise<SwarmTaskInfo[]>;
  /** Node and service events only, filtered by the daemon. */
  events(
    onEvent: (e: FleetEvent) => void,
    onEnd: (err?: HostApiError) => void,
    since?: number,
  ): Promise<EventSubscription>;
}

function daemonMessage(body: unknown): string {
  if (
    typeof body === 'object' &&
    body !== null &&
    typeof (body as { message?: unknown }).message === 'string'
  ) {
    return (body as { message: string }).message;
  }
  return typeof body === 'string' ? body.slice(0, 200) : '';
}

function filterQuery(filters: Record<string, string[]>): string {
  const used = Object.entries(filters).filter(([, v]) => v.length > 0);
  return used.length === 0 ? '' : `?filters=${encodeURIComponent(JSON.stringify(Object.fromEntries(used)))}`;
}

export function createSwarmReader(api: DockerHostApi): SwarmReader {
  const manager = api.name;

  async function get<T>(path: string, opts: { missingOk?: boolean } = {}): Promise<T | undefined> {
    const res = await api.request('GET', path);
    if (res.statusCode === 404 && opts.missingOk) return undefined;
    if (res.statusCode < 200 || res.statusCode >= 300) {
      const said = daemonMessage(res.body);
      const notManager = res.statusCode === 503 || /not a swarm manager/i.test(said);
      const hint = notManager
        ? 'this daemon is not a swarm manager (now): list its managers under swarms: in the fleet file'
        : 'check the daemon on that host (docker info)';
      throw new HostApiError(manager, {
        code: 'docker-error',
        message: `${manager}: GET ${path} answered ${res.statusCode}${said ? ` (${said})` : ''} — ${hint}`,
      });
    }
    return res.body as T;
  }

  const list = async <R, T>(path: string, map: (raw: R) => T): Promise<T[]> => {
    const body = await get<unknown>(path);
    return Array.isArray(body) ? (body as R[]).map(map) : [];
  };

  return {
    manager,
    async cluster() {
      const info = mapCluster((await get<RawSwarmInfo>('/info')) ?? {});
      if (!info) {
        throw new HostApiError(manager, {
          code: 'docker-error',
          message: `${manager}: the daemon answered but is not an active swarm manager — check \`docker info\` there, or list another manager`,
        });
      }
      return info;
    },
    nodes: () => list<RawNode, SwarmNode>('/nodes', mapNode),
    async node(id) {
      const raw = await get<RawNode>(`/nodes/${encodeURIComponent(id)}`, { missingOk: true });
      return raw ? mapNode(raw) : undefined;
    },
    services: () => list<RawSwarmService, SwarmServiceInfo>('/services', mapService),
    async service(id) {
      const raw = await get<RawSwarmService>(`/services/${encodeURIComponent(id)}`, { missingOk: true });
      return raw ? mapService(raw) : undefined;
    },
    tasks: (filter = {}) =>
      list<RawSwarmTask, SwarmTaskInfo>(
        `/tasks${filterQuery({
          service: filter.service ? [filter.service] : [],
          node: filter.node ? [filter.node] : [],
          'desired-state': filter.desiredState ?? [],
        })}`,
        mapTask,
      ),
    events: (onEvent, onEnd, since) =>
      api.events(
        { ...(since !== undefined ? { since } : {}), filters: { type: [...SWARM_EVENT_TYPES] } },
        onEvent,
        onEnd,
      ),
  };
}
