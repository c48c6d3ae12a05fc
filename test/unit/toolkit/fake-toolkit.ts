import type { ExecIo, ExecRequest } from '../../../src/docker/exec-session.js';
import type { RemoveResult, ToolkitOps } from '../../../src/docker/resources/ops.js';
import type {
  HostContainerUse,
  HostImage,
  HostNetwork,
  HostVolume,
} from '../../../src/domain/resources/types.js';
import { FakeMutations } from '../actions/fake-mutations.js';

export function image(host: string, id: string, over: Partial<HostImage & { uniqueBytes: number }> = {}) {
  return {
    host,
    id,
    tags: [],
    digests: [],
    sizeBytes: 1000,
    created: 1_700_000_000,
    containers: 0,
    dangling: (over.tags ?? []).length === 0,
    labels: {},
    ...over,
  };
}

export function use(host: string, id: string, over: Partial<HostContainerUse> = {}): HostContainerUse {
  return {
    host,
    id,
    name: id,
    state: 'running',
    imageId: 'sha256:used',
    volumes: [],
    created: 1,
    labels: {},
    ...over,
  };
}

export function volume(host: string, name: string, over: Partial<HostVolume> = {}): HostVolume {
  return {
    host,
    name,
    driver: 'local',
    mountpoint: '',
    scope: 'local',
    labels: {},
    containers: 0,
    sizeBytes: 10,
    ...over,
  };
}

export function network(host: string, id: string, over: Partial<HostNetwork> = {}): HostNetwork {
  return {
    host,
    id,
    name: id,
    driver: 'bridge',
    scope: 'local',
    internal: false,
    builtin: false,
    containers: 0,
    ...over,
  };
}

/** An in-memory host's images, containers and volumes; removals change them and are logged. */
export class FakeToolkit implements ToolkitOps {
  images_: Array<HostImage & { uniqueBytes?: number }> = [];
  containers_: HostContainerUse[] = [];
  volumes_: HostVolume[] = [];
  networks_: HostNetwork[] = [];
  readonly removed: string[] = [];
  /** Runs before each removal: a test makes something busy mid-run. */
  beforeRemove: (id: string) => void = () => {};

  constructor(readonly host: string) {}

  images() {
    return Promise.resolve(this.images_.map((i) => ({ ...i })));
  }
  volumes() {
    return Promise.resolve(this.volumes_.map((v) => ({ ...v })));
  }
  containers() {
    return Promise.resolve(this.containers_.map((c) => ({ ...c })));
  }
  networks() {
    return Promise.resolve(this.networks_.map((n) => ({ ...n })));
  }
  removeNetwork(id: string): Promise<RemoveResult> {
    if (this.networks_.some((n) => n.id === id && n.containers > 0)) return Promise.resolve('in-use');
    return Promise.resolve(this.take(this.networks_, (n) => n.id === id, id));
  }
  private take<T>(list: T[], match: (t: T) => boolean, id: string): RemoveResult {
    this.beforeRemove(id);
    const i = list.findIndex(match);
    if (i < 0) return 'gone';
    list.splice(i, 1);
    this.removed.push(id);
    return 'removed';
  }
  removeImage(id: string): Promise<RemoveResult> {
    if (this.containers_.some((c) => c.imageId === id)) return Promise.resolve('in-use');
    return Promise.resolve(this.take(this.images_, (i) => i.id === id, id));
  }
  removeContainer(id: string): Promise<RemoveResult> {
    return Promise.resolve(this.take(this.containers_, (c) => c.id === id, id));
  }
  readonly execs: ExecRequest[] = [];
  /** What a session does: writes to the streams, returns the exit status. */
  execScript: (req: ExecRequest, io: ExecIo) => Promise<number> | number = () => 0;
  async exec(req: ExecRequest, io: ExecIo): Promise<number> {
    this.execs.push(req);
    return this.execScript(req, io);
  }
  removeVolume(name: string): Promise<RemoveResult> {
    return Promise.resolve(this.take(this.volumes_, (v) => v.name === name, name));
  }
}

export class ToolkitHost extends FakeMutations {
  readonly toolkit: FakeToolkit;
  constructor(host: string) {
    super(host);
    this.toolkit = new FakeToolkit(host);
  }
}
