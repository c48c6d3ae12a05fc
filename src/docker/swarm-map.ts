import type {
  SwarmClusterInfo,
  SwarmNode,
  SwarmServiceInfo,
  SwarmTaskInfo,
  SwarmUpdateState,
} from '../domain/swarm.js';

/*
 * Engine API Swarm objects → domain types. Every field optional: old daemons omit some, and a
 * value of the wrong type is dropped rather than trusted.
 */

export interface RawNode {
  ID?: string;
  Spec?: { Role?: string; Availability?: string; Labels?: Record<string, string> | null };
  Description?: { Hostname?: string; Engine?: { EngineVersion?: string } };
  Status?: { State?: string; Message?: string; Addr?: string };
  ManagerStatus?: { Leader?: boolean; Reachability?: string; Addr?: string } | null;
}

export interface RawSwarmService {
  ID?: string;
  Version?: { Index?: number };
  Spec?: {
    Name?: string;
    Labels?: Record<string, string> | null;
    TaskTemplate?: { ContainerSpec?: { Image?: string } };
    Mode?: { Replicated?: { Replicas?: number }; Global?: unknown };
  };
  PreviousSpec?: unknown;
  UpdateStatus?: { State?: string; Message?: string; StartedAt?: string; CompletedAt?: string } | null;
}

export interface RawSwarmTask {
  ID?: string;
  ServiceID?: string;
  Slot?: number;
  NodeID?: string;
  DesiredState?: string;
  Spec?: { ContainerSpec?: { Image?: string } };
  Status?: { Timestamp?: string; State?: string; Message?: string; Err?: string };
}

export interface RawSwarmInfo {
  Swarm?: {
    NodeID?: string;
    LocalNodeState?: string;
    ControlAvailable?: boolean;
    Managers?: number;
    Nodes?: number;
    Cluster?: { ID?: string } | null;
  };
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

function labelsOf(raw: unknown): Record<string, string> {
  if (typeof raw !== 'object' || raw === null) return {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) if (typeof v === 'string') out[k] = v;
  return out;
}

function epochMs(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const ms = Date.parse(text);
  // The daemon writes 0001-01-01T00:00:00Z for "never".
  return Number.isNaN(ms) || ms <= 0 ? undefined : ms;
}

export function mapNode(raw: RawNode): SwarmNode {
  const manager = raw.ManagerStatus ?? undefined;
  const role = raw.Spec?.Role === 'manager' ? 'manager' : 'worker';
  const message = str(raw.Status?.Message);
  const addr = str(raw.Status?.Addr);
  const engineVersion = str(raw.Description?.Engine?.EngineVersion);
  const reachability = str(manager?.Reachability);
  const managerAddr = str(manager?.Addr);
  return {
    id: str(raw.ID) ?? '',
    hostname: str(raw.Description?.Hostname) ?? str(raw.ID) ?? '',
    role,
    leader: manager?.Leader === true,
    availability: str(raw.Spec?.Availability) ?? 'unknown',
    status: str(raw.Status?.State) ?? 'unknown',
    ...(message ? { statusMessage: message } : {}),
    ...(addr ? { addr } : {}),
    ...(engineVersion ? { engineVersion } : {}),
    labels: labelsOf(raw.Spec?.Labels),
    ...(reachability ? { reachability } : {}),
    ...(managerAddr ? { managerAddr } : {}),
  };
}

function updateStateOf(raw: RawSwarmService['UpdateStatus']): SwarmUpdateState | undefined {
  const state = str(raw?.State);
  if (!raw || !state) return undefined;
  const startedAt = epochMs(raw.StartedAt);
  const completedAt = epochMs(raw.CompletedAt);
  return {
    state,
    message: str(raw.Message) ?? '',
    ...(startedAt !== undefined ? { startedAt } : {}),
    ...(completedAt !== undefined ? { completedAt } : {}),
  };
}

export function mapService(raw: RawSwarmService): SwarmServiceInfo {
  const spec = raw.Spec ?? {};
  const replicas = spec.Mode?.Replicated?.Replicas;
  const update = updateStateOf(raw.UpdateStatus);
  return {
    id: str(raw.ID) ?? '',
    name: str(spec.Name) ?? str(raw.ID) ?? '',
    version: typeof raw.Version?.Index === 'number' ? raw.Version.Index : 0,
    image: str(spec.TaskTemplate?.ContainerSpec?.Image) ?? '',
    mode: spec.Mode?.Global !== undefined ? 'global' : 'replicated',
    ...(typeof replicas === 'number' ? { replicas } : {}),
    ...(update ? { updateStatus: update } : {}),
    hasPreviousSpec: raw.PreviousSpec !== undefined && raw.PreviousSpec !== null,
    labels: labelsOf(spec.Labels),
  };
}

export function mapTask(raw: RawSwarmTask): SwarmTaskInfo {
  const s = raw.Status ?? {};
  const error = str(s.Err);
  return {
    id: str(raw.ID) ?? '',
    serviceId: str(raw.ServiceID) ?? '',
    ...(typeof raw.Slot === 'number' ? { slot: raw.Slot } : {}),
    nodeId: str(raw.NodeID) ?? '',
    image: str(raw.Spec?.ContainerSpec?.Image) ?? '',
    state: str(s.State) ?? 'unknown',
    desiredState: str(raw.DesiredState) ?? 'unknown',
    message: str(s.Message) ?? '',
    ...(error ? { error } : {}),
    since: epochMs(s.Timestamp) ?? 0,
  };
}

/** `undefined` when the daemon is not an active manager (a worker, or not in a swarm). */
export function mapCluster(raw: RawSwarmInfo): SwarmClusterInfo | undefined {
  const s = raw.Swarm;
  if (!s || s.LocalNodeState !== 'active' || s.ControlAvailable !== true) return undefined;
  return {
    id: str(s.Cluster?.ID) ?? '',
    managerNodeId: str(s.NodeID) ?? '',
    managers: typeof s.Managers === 'number' ? s.Managers : 0,
    nodes: typeof s.Nodes === 'number' ? s.Nodes : 0,
  };
}
