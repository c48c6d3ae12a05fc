/** `Spec.UpdateConfig` of a Swarm service; durations in nanoseconds, as the Engine API has them. */
export interface SwarmUpdateConfig {
  Parallelism: number;
  Delay: number;
  FailureAction: 'pause' | 'continue' | 'rollback';
  Monitor: number;
  MaxFailureRatio: number;
  Order: 'start-first' | 'stop-first';
}

/**
 * A service's spec as the daemon returns it. Only what fleetdeck reads or changes is typed; every
 * other field is sent back untouched, so an update changes nothing the operator did not ask for.
 */
export interface SwarmServiceSpec {
  Name?: string;
  Labels?: Record<string, string> | null;
  TaskTemplate?: {
    ContainerSpec?: { Image?: string; [key: string]: unknown };
    ForceUpdate?: number;
    [key: string]: unknown;
  };
  Mode?: { Replicated?: { Replicas?: number }; Global?: unknown; [key: string]: unknown };
  UpdateConfig?: Partial<SwarmUpdateConfig> & Record<string, unknown>;
  EndpointSpec?: { Ports?: SwarmPortSpec[] | null; [key: string]: unknown };
  [key: string]: unknown;
}

export interface SwarmPortSpec {
  Protocol?: string;
  TargetPort?: number;
  PublishedPort?: number;
  /** `ingress` (routing mesh) or `host`. */
  PublishMode?: string;
}

/** `UpdateStatus.State`: updating, paused, completed, rollback_started, rollback_paused, rollback_completed. */
export interface SwarmUpdateStatus {
  state: string;
  message: string;
  startedAt?: string;
  completedAt?: string;
}

export interface SwarmPublishedPort {
  published: number;
  target: number;
  protocol: string;
  mode: string;
}

/** One Swarm service as GET /services/{id} tells it. */
export interface SwarmService {
  /** The fleet host (a manager) it was read from. */
  host: string;
  id: string;
  name: string;
  /** `Version.Index`: an update must name it (optimistic concurrency). */
  version: number;
  spec: SwarmServiceSpec;
  image: string;
  mode: 'replicated' | 'global';
  /** Replicated services: the desired replica count. */
  replicas?: number;
  publishedPorts: SwarmPublishedPort[];
  /** Absent until an update of the current spec starts. */
  updateStatus?: SwarmUpdateStatus;
}

/** One task of a service (GET /tasks). */
export interface SwarmTask {
  id: string;
  slot?: number;
  nodeId: string;
  image: string;
  /** `Status.State`: new … running, complete, failed, shutdown, rejected… */
  state: string;
  desiredState: string;
  message: string;
  /** `Status.Err`, e.g. `task: non-zero exit (137): dockerexec: unhealthy container`. */
  error?: string;
  containerId?: string;
  /** Epoch ms of the last status change. */
  since: number;
}

/**
 * The Swarm half of one Docker host: services and tasks, and updates of a service. Reads work on
 * any manager; a read-only gateway's transport refuses `update`.
 */
export interface SwarmMutations {
  readonly host: string;
  /** This daemon's place in a swarm (GET /info): `inactive`, or `active` and whether it manages. */
  membership(): Promise<{ state: string; isManager: boolean }>;
  services(): Promise<SwarmService[]>;
  service(id: string): Promise<SwarmService>;
  tasks(serviceId: string): Promise<SwarmTask[]>;
  /**
   * `POST /services/{id}/update?version=V`, the spec sent as given: the daemon queries no registry
   * (API ≥ 1.30), so a locally imported image is used by its local reference, like the CLI's
   * `--no-resolve-image`. `rollback` asks the swarm to go back to the previous spec. Resolves with
   * the daemon's warnings.
   */
  update(
    id: string,
    version: number,
    spec: SwarmServiceSpec,
    opts?: { rollback?: boolean },
  ): Promise<string[]>;
  /** GET /nodes/{id}: its version and spec (optional: fakes of service updates need not have it). */
  node?(id: string): Promise<SwarmNodeRecord>;
  /** POST /nodes/{id}/update?version=V with the whole spec (availability, role, labels). */
  updateNode?(id: string, version: number, spec: SwarmNodeSpec): Promise<void>;
}

/** A node's spec as the daemon returns it; sent back whole so only what was asked changes. */
export interface SwarmNodeSpec {
  Availability?: string;
  Role?: string;
  Labels?: Record<string, string> | null;
  [key: string]: unknown;
}

export interface SwarmNodeRecord {
  id: string;
  hostname: string;
  version: number;
  spec: SwarmNodeSpec;
}
