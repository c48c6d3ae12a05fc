import type Dockerode from 'dockerode';
import { dockerodeOf } from '../dockerode-of.js';
import { toHostApiError } from '../errors.js';
import type { DockerHostApi } from '../host-api.js';
import type {
  SwarmMutations,
  SwarmNodeSpec,
  SwarmPortSpec,
  SwarmPublishedPort,
  SwarmService,
  SwarmServiceSpec,
  SwarmTask,
} from './swarm-types.js';

interface RawService {
  ID?: string;
  Version?: { Index?: number };
  Spec?: SwarmServiceSpec;
  Endpoint?: { Ports?: SwarmPortSpec[] | null };
  UpdateStatus?: { State?: string; Message?: string; StartedAt?: string; CompletedAt?: string } | null;
}

interface RawTask {
  ID?: string;
  Slot?: number;
  NodeID?: string;
  DesiredState?: string;
  Spec?: { ContainerSpec?: { Image?: string } };
  Status?: {
    Timestamp?: string;
    State?: string;
    Message?: string;
    Err?: string;
    ContainerStatus?: { ContainerID?: string };
  };
}

function publishedPorts(raw: RawService): SwarmPublishedPort[] {
  const ports = raw.Endpoint?.Ports ?? raw.Spec?.EndpointSpec?.Ports ?? [];
  return ports
    .filter((p) => (p.PublishedPort ?? 0) > 0)
    .map((p) => ({
      published: p.PublishedPort ?? 0,
      target: p.TargetPort ?? 0,
      protocol: p.Protocol ?? 'tcp',
      mode: p.PublishMode ?? 'ingress',
    }));
}

export function toSwarmService(host: string, raw: RawService): SwarmService {
  const spec = raw.Spec ?? {};
  const replicas = spec.Mode?.Replicated?.Replicas;
  const status = raw.UpdateStatus;
  return {
    host,
    id: raw.ID ?? '',
    name: spec.Name ?? raw.ID ?? '',
    version: raw.Version?.Index ?? 0,
    spec,
    image: spec.TaskTemplate?.ContainerSpec?.Image ?? '',
    mode: spec.Mode?.Global !== undefined ? 'global' : 'replicated',
    ...(replicas !== undefined ? { replicas } : {}),
    publishedPorts: publishedPorts(raw),
    ...(status?.State
      ? {
          updateStatus: {
            state: status.State,
            message: status.Message ?? '',
            ...(status.StartedAt ? { startedAt: status.StartedAt } : {}),
            ...(status.CompletedAt ? { completedAt: status.CompletedAt } : {}),
          },
        }
      : {}),
  };
}

export function toSwarmTask(raw: RawTask): SwarmTask {
  const s = raw.Status ?? {};
  const since = s.Timestamp ? Date.parse(s.Timestamp) : 0;
  return {
    id: raw.ID ?? '',
    ...(raw.Slot !== undefined ? { slot: raw.Slot } : {}),
    nodeId: raw.NodeID ?? '',
    image: raw.Spec?.ContainerSpec?.Image ?? '',
    state: s.State ?? 'unknown',
    desiredState: raw.DesiredState ?? 'unknown',
    message: s.Message ?? '',
    ...(s.Err ? { error: s.Err } : {}),
    ...(s.ContainerStatus?.ContainerID ? { containerId: s.ContainerStatus.ContainerID } : {}),
    since: Number.isNaN(since) ? 0 : since,
  };
}

/** The SwarmMutations of a fleetdeck gateway (dockerode over its SSH-backed agent). */
export function swarmMutations(api: DockerHostApi): SwarmMutations {
  const host = api.name;
  async function call<T>(what: string, fn: (d: Dockerode) => Promise<T>): Promise<T> {
    const d = await dockerodeOf(api);
    try {
      return await fn(d);
    } catch (err) {
      throw toHostApiError(host, err, { what });
    }
  }
  return {
    host,
    async membership() {
      const info = await api.info();
      return info.swarm ?? { state: 'inactive', isManager: false };
    },
    services: () =>
      call('GET /services', async (d) => {
        const list = (await d.listServices()) as unknown as RawService[];
        return list.map((s) => toSwarmService(host, s));
      }),
    service: (id) =>
      call(`GET /services/${id}`, async (d) =>
        toSwarmService(host, (await d.getService(id).inspect()) as RawService),
      ),
    tasks: (serviceId) =>
      call(`GET /tasks?service=${serviceId}`, async (d) => {
        const list = (await d.listTasks({ filters: { service: [serviceId] } })) as RawTask[];
        return list.map(toSwarmTask);
      }),
    update: (id, version, spec, opts = {}) =>
      call(`POST /services/${id}/update`, async (d) => {
        // docker-modem sends `_query` as the query string and `_body` as the JSON body.
        const res = (await d.getService(id).update({
          _query: { version, ...(opts.rollback ? { rollback: 'previous' } : {}) },
          _body: spec,
        })) as { Warnings?: string[] | null } | null;
        return res?.Warnings ?? [];
      }),
    async node(id) {
      const raw = (await call(`GET /nodes/${id}`, (d) => d.getNode(id).inspect())) as {
        ID?: string;
        Version?: { Index?: number };
        Spec?: SwarmNodeSpec;
        Description?: { Hostname?: string };
      };
      return {
        id: raw.ID ?? id,
        hostname: raw.Description?.Hostname ?? id,
        version: raw.Version?.Index ?? 0,
        spec: raw.Spec ?? {},
      };
    },
    async updateNode(id, version, spec) {
      const res = await api.request(
        'POST',
        `/nodes/${encodeURIComponent(id)}/update?version=${version}`,
        spec,
      );
      if (res.statusCode < 200 || res.statusCode >= 300) {
        const said = (res.body as { message?: string } | null)?.message ?? String(res.body);
        throw toHostApiError(
          host,
          { statusCode: res.statusCode, json: { message: said }, message: said },
          {
            what: `POST /nodes/${id}/update`,
          },
        );
      }
    },
  };
}
