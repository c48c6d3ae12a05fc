import type { EngineKind } from '../../domain/engine.js';
import type { Readable } from 'node:stream';
import type { Container } from '../../domain/container.js';
import type { ContainerDetails } from '../../domain/details.js';
import type { SwarmMutations } from './swarm-types.js';
import type { ToolkitOps } from '../resources/ops.js';
import type { SizeQueries } from './sizes.js';

/** Output of a command run to completion (exec or one-off container). */
export interface CommandOutcome {
  code: number;
  /** stdout and stderr, interleaved as the daemon sent them, bounded to the last lines. */
  output: string;
}

export interface ImageSummary {
  id: string;
  tags: string[];
  labels: Readonly<Record<string, string>>;
  /** Bytes. */
  size: number;
  /** Epoch seconds. */
  created: number;
}

export interface CloneOptions {
  image: string;
  name: string;
  /** Labels added to (or replacing) the source's own. */
  labels?: Readonly<Record<string, string>>;
  /** Replaces the command (one-off containers: migrations, archive helpers). */
  cmd?: string[];
  /** Replaces the entrypoint (`[]` clears it). */
  entrypoint?: string[];
  /** One-off containers must not come back by themselves. */
  noRestart?: boolean;
  /** Extra binds (`src:dest[:ro]`) for helper containers. */
  extraBinds?: string[];
  /** Destination → volume name: the clone mounts that volume there instead (rollback's new volumes). */
  replaceMounts?: Readonly<Record<string, string>>;
}

export interface PauseGuardOptions {
  /** The guard unpauses once fleetdeck's heartbeat is this old (fleetdeck died, or its link). */
  staleSeconds: number;
}

/** A watcher living on the host that unpauses a container unless fleetdeck keeps it quiet. */
export interface PauseGuard {
  /** Its heartbeat file on the host, for messages. */
  readonly file: string;
  heartbeat(): Promise<void>;
  /** Normal completion: the watcher exits without touching the container. */
  cancel(): Promise<void>;
}

/** A one-off helper container run to completion on the host; kept (stopped) for commit or copy. */
export interface HelperRun {
  id: string;
  code: number;
  /** Last lines of its output. */
  output: string;
}

export interface HelperRunOptions {
  name: string;
  image: string;
  cmd: string[];
  /** `id[:ro]` whose mounts the helper gets at the same places. */
  volumesFrom?: string[];
  labels?: Readonly<Record<string, string>>;
}

export type LockResult = { acquired: true } | { acquired: false; holder: Readonly<Record<string, string>> };

/**
 * The mutating half of one Docker host, in domain terms (dockerode types stay in docker/).
 * Built from a gateway: a read-only gateway's transport refuses every call here that is not a GET.
 */
export interface HostMutations {
  readonly host: string;
  /** Services and their rolling updates, when the host is a Swarm manager (absent in fakes). */
  readonly swarm?: SwarmMutations;
  /** Images/volumes/containers lists and removal by name, exec sessions (absent in fakes). */
  readonly toolkit?: ToolkitOps;
  /** Totals for progress bars (image and layer sizes); absent in fakes. */
  readonly sizes?: SizeQueries;
  /** Which engine answers there (from /info), for messages where Podman differs; absent in fakes. */
  engine?(): Promise<EngineKind>;
  list(all: boolean): Promise<Container[]>;
  inspect(idOrName: string): Promise<ContainerDetails>;
  /** The container of that exact name, or undefined. */
  findByName(name: string): Promise<ContainerDetails | undefined>;
  restart(id: string, timeoutSeconds?: number): Promise<void>;
  kill(id: string, signal: string): Promise<void>;
  stop(id: string, timeoutSeconds?: number): Promise<void>;
  start(id: string): Promise<void>;
  rename(id: string, name: string): Promise<void>;
  remove(id: string, opts?: { force?: boolean; volumes?: boolean }): Promise<void>;
  pause(id: string): Promise<void>;
  unpause(id: string): Promise<void>;
  /** Creates a never-started `true` container of `image` (archive helper): no network, no restart. */
  createHelper(name: string, image: string, labels?: Readonly<Record<string, string>>): Promise<string>;
  /** Creates (does not start) a container with the source's configuration and another image. */
  clone(sourceId: string, opts: CloneOptions): Promise<string>;
  /** Waits for the container to exit; its exit code. */
  wait(id: string): Promise<number>;
  logsTail(id: string, lines: number): Promise<string[]>;
  exec(id: string, cmd: string[]): Promise<CommandOutcome>;
  commit(
    id: string,
    opts: {
      repo: string;
      tag: string;
      labels: Readonly<Record<string, string>>;
      comment: string;
      pause: boolean;
      /** Cmd, Entrypoint, User and WorkingDir of this image replace the committed container's own. */
      configOf?: string;
    },
  ): Promise<string>;
  imagePresent(ref: string): Promise<boolean>;
  /** The image ID (`sha256:…`) `ref` resolves to on this host, or undefined when absent. */
  imageId(ref: string): Promise<string | undefined>;
  images(labelFilter: string): Promise<ImageSummary[]>;
  removeImage(ref: string): Promise<void>;
  tagImage(ref: string, repo: string, tag: string): Promise<void>;
  /** `docker save` as a stream of the tar. */
  saveImage(ref: string): Promise<Readable>;
  /** `docker load` from a tar stream. */
  loadImage(tar: Readable): Promise<void>;
  /** A tar of `path` inside the container (running or not). */
  getArchive(id: string, path: string): Promise<Readable>;
  /** Extracts a tar into `path` inside the container. */
  putArchive(id: string, path: string, tar: Readable): Promise<void>;
  /**
   * Starts a guard on the host (not in this process) that unpauses `id` once the heartbeat stops.
   * Rejects when the host cannot run one: then nothing may be paused.
   */
  guardPause(id: string, opts: PauseGuardOptions): Promise<PauseGuard>;
  /** Creates, starts and waits for a helper (root, no network, no restart); does not remove it. */
  runHelper(opts: HelperRunOptions): Promise<HelperRun>;
  /** Creates a local volume (fails if the name is taken). */
  createVolume(name: string, labels: Readonly<Record<string, string>>): Promise<void>;
  /** Removes a volume; one already gone is not an error. */
  removeVolume(name: string): Promise<void>;
  /** Creates a stopped marker container named `name` atomically (the daemon refuses a duplicate name). */
  createLock(name: string, image: string, labels: Readonly<Record<string, string>>): Promise<LockResult>;
}
