import { Readable } from 'node:stream';
import type {
  HelperRun,
  HelperRunOptions,
  HostMutations,
  ImageSummary,
  LockResult,
  PauseGuard,
} from '../../../src/docker/mutations/index.js';
import type { ContainerDetails } from '../../../src/domain/details.js';
import { details } from './fake-details.js';

export { details } from './fake-details.js';

/**
 * An in-memory Docker host: containers change state as the calls say. `healthOfImage` decides
 * how a started container of an image turns out. Every call is logged in `calls`.
 */
export class FakeMutations implements HostMutations {
  readonly containers = new Map<string, ContainerDetails>();
  readonly calls: string[] = [];
  readonly images_ = new Set<string>(['tiny:latest', 'tiny:v2']);
  healthOfImage: (image: string) => ContainerDetails['health'] | 'exits' = () => 'none';
  /** Image ID per ref where a test wants one build to differ; otherwise `sha256:<ref>` everywhere. */
  readonly imageIds = new Map<string, string>();
  /** false: a load "succeeds" but the image is not there afterwards (a daemon that lost it). */
  loadAddsImage = true;
  /** Set: loadImage fails with this message after reading the stream. */
  loadError: string | undefined;
  /** Set: guardPause rejects with this (a host without docker CLI or curl). */
  guardError: string | undefined;
  /** Exit code and output of helper runs whose command contains the key (e.g. `cp` → disk full). */
  readonly helperOutcome = new Map<string, { code: number; output: string }>();
  /** Fails the call of that name once, with that message (e.g. `unpause` → link cut). */
  readonly failOnce = new Map<string, string>();
  /** Volumes by name with their labels; created ones are logged as `volume create NAME`. */
  readonly volumes = new Map<string, Readonly<Record<string, string>>>();
  /** Fails the Nth call (1-based) whose log line starts with the key, e.g. `put` → 1. */
  readonly failAt = new Map<string, number>();
  private seq = 100;

  constructor(
    readonly host: string,
    initial: ContainerDetails[] = [],
  ) {
    for (const c of initial) this.containers.set(c.id, { ...c, host });
  }

  private get(id: string): ContainerDetails {
    const c = this.containers.get(id) ?? [...this.containers.values()].find((x) => x.name === id);
    if (!c) throw new Error(`${this.host}: no such container ${id}`);
    return c;
  }

  private log(call: string): void {
    this.calls.push(call);
    for (const [k, n] of this.failAt) {
      if (!call.startsWith(k)) continue;
      if (n > 1) this.failAt.set(k, n - 1);
      else {
        this.failAt.delete(k);
        this.calls[this.calls.length - 1] = `${call} failed`;
        throw new Error(`${this.host}: ${k} failed (injected)`);
      }
    }
  }

  byName(name: string): ContainerDetails | undefined {
    return [...this.containers.values()].find((c) => c.name === name);
  }

  list(): Promise<ContainerDetails[]> {
    return Promise.resolve([...this.containers.values()].map((c) => ({ ...c })));
  }
  inspect(id: string): Promise<ContainerDetails> {
    return Promise.resolve({ ...this.get(id) });
  }
  findByName(name: string): Promise<ContainerDetails | undefined> {
    return Promise.resolve(this.byName(name));
  }
  private run(id: string): void {
    const c = this.get(id);
    const h = this.healthOfImage(c.image);
    c.state = h === 'exits' ? 'exited' : 'running';
    c.exitCode = h === 'exits' ? 3 : 0;
    c.health = h === 'exits' ? 'none' : h;
    c.startedAt = `t${++this.seq}`;
  }
  restart(id: string): Promise<void> {
    this.log(`restart ${this.get(id).name}`);
    this.run(id);
    return Promise.resolve();
  }
  kill(id: string, signal: string): Promise<void> {
    this.log(`kill ${this.get(id).name} ${signal}`);
    return Promise.resolve();
  }
  stop(id: string, t?: number): Promise<void> {
    this.log(`stop ${this.get(id).name}${t === undefined ? '' : ` -t ${t}`}`);
    this.get(id).state = 'exited';
    return Promise.resolve();
  }
  start(id: string): Promise<void> {
    this.log(`start ${this.get(id).name}`);
    this.run(id);
    return Promise.resolve();
  }
  rename(id: string, name: string): Promise<void> {
    const c = this.get(id);
    if (this.byName(name)) return Promise.reject(new Error(`${this.host}: name ${name} in use`));
    this.log(`rename ${c.name} ${name}`);
    c.name = name;
    return Promise.resolve();
  }
  remove(id: string): Promise<void> {
    const c = this.get(id);
    this.log(`rm ${c.name}`);
    this.containers.delete(c.id);
    return Promise.resolve();
  }
  private failing(what: string): Promise<never> | undefined {
    const msg = this.failOnce.get(what);
    if (msg === undefined) return undefined;
    this.failOnce.delete(what);
    this.log(`${what} failed`);
    return Promise.reject(new Error(msg));
  }
  pause(id: string): Promise<void> {
    this.log(`pause ${this.get(id).name}`);
    this.get(id).state = 'paused';
    return Promise.resolve();
  }
  unpause(id: string): Promise<void> {
    const f = this.failing('unpause');
    if (f) return f;
    this.log(`unpause ${this.get(id).name}`);
    this.get(id).state = 'running';
    return Promise.resolve();
  }
  guardPause(id: string): Promise<PauseGuard> {
    if (this.guardError !== undefined) return Promise.reject(new Error(this.guardError));
    this.log(`guard ${this.get(id).name}`);
    return Promise.resolve({
      file: '/tmp/fleetdeck-pause-guard.fake',
      heartbeat: () => {
        this.log('heartbeat');
        return Promise.resolve();
      },
      cancel: () => {
        this.log('guard cancel');
        return Promise.resolve();
      },
    });
  }
  runHelper(opts: HelperRunOptions): Promise<HelperRun> {
    const id = `${this.host}-${opts.name}-${++this.seq}`;
    this.containers.set(id, details(this.host, opts.name, { id, image: opts.image, state: 'exited' }));
    this.log(
      `helper ${opts.name} ${opts.image}${opts.volumesFrom ? ` from ${opts.volumesFrom.join(',')}` : ''}`,
    );
    const script = opts.cmd.join(' ');
    const outcome = [...this.helperOutcome].find(([k]) => script.includes(k))?.[1];
    return Promise.resolve({ id, code: outcome?.code ?? 0, output: outcome?.output ?? '' });
  }
  createHelper(name: string, image: string): Promise<string> {
    const id = `${this.host}-${name}-${++this.seq}`;
    this.containers.set(id, details(this.host, name, { id, image, state: 'created' }));
    return Promise.resolve(id);
  }
  clone(
    sourceId: string,
    opts: { image: string; name: string; replaceMounts?: Readonly<Record<string, string>> },
  ): Promise<string> {
    const src = this.get(sourceId);
    if (this.byName(opts.name)) return Promise.reject(new Error(`${this.host}: name ${opts.name} in use`));
    const id = `${this.host}-${opts.name}-${String(++this.seq).padStart(4, '0')}`;
    const replace = opts.replaceMounts ?? {};
    const swapped = Object.entries(replace).map(([d, v]) => ` ${v}:${d}`);
    this.log(`create ${opts.name} ${opts.image}${swapped.join('')}`);
    for (const v of Object.values(replace))
      if (!this.volumes.has(v)) return Promise.reject(new Error(`${this.host}: no such volume ${v}`));
    this.containers.set(id, {
      ...src,
      id,
      name: opts.name,
      image: opts.image,
      state: 'created',
      health: 'none',
      mounts: src.mounts.map((mt) =>
        replace[mt.destination] ? { ...mt, type: 'volume', name: replace[mt.destination] } : mt,
      ),
    });
    return Promise.resolve(id);
  }
  createVolume(name: string, labels: Readonly<Record<string, string>>): Promise<void> {
    if (this.volumes.has(name)) return Promise.reject(new Error(`${this.host}: volume ${name} exists`));
    this.log(`volume create ${name}`);
    this.volumes.set(name, labels);
    return Promise.resolve();
  }
  removeVolume(name: string): Promise<void> {
    this.log(`volume rm ${name}`);
    this.volumes.delete(name);
    return Promise.resolve();
  }
  wait(): Promise<number> {
    return Promise.resolve(0);
  }
  logsTail(id: string): Promise<string[]> {
    return Promise.resolve([`${this.get(id).name}: last line`]);
  }
  /** Exit code and output of exec whose command contains the key. */
  readonly execOutcome = new Map<string, { code: number; output: string }>();
  exec(id: string, cmd: string[]): Promise<{ code: number; output: string }> {
    this.log(`exec ${this.get(id).name} ${cmd.join(' ')}`);
    const script = cmd.join(' ');
    const outcome = [...this.execOutcome].find(([k]) => script.includes(k))?.[1];
    return Promise.resolve(outcome ?? { code: 0, output: '' });
  }
  commit(id: string, opts: { repo: string; tag: string }): Promise<string> {
    const f = this.failing('commit');
    if (f) return f;
    this.log(`commit ${this.get(id).name} ${opts.repo}:${opts.tag}`);
    this.images_.add(`${opts.repo}:${opts.tag}`);
    return Promise.resolve('sha256:snap');
  }
  imagePresent(ref: string): Promise<boolean> {
    return Promise.resolve(this.images_.has(ref));
  }
  imageId(ref: string): Promise<string | undefined> {
    if (!this.images_.has(ref)) return Promise.resolve(undefined);
    return Promise.resolve(this.imageIds.get(ref) ?? `sha256:${ref}`);
  }
  images(): Promise<ImageSummary[]> {
    return Promise.resolve([]);
  }
  removeImage(ref: string): Promise<void> {
    this.log(`rmi ${ref}`);
    this.images_.delete(ref);
    return Promise.resolve();
  }
  tagImage(): Promise<void> {
    return Promise.resolve();
  }
  saveImage(ref: string): Promise<Readable> {
    this.log(`save ${ref}`);
    if (!this.images_.has(ref)) return Promise.reject(new Error(`${this.host}: no such image ${ref}`));
    return Promise.resolve(Readable.from([Buffer.from(ref)]));
  }
  async loadImage(tar: Readable): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of tar as AsyncIterable<Buffer>) chunks.push(c);
    this.log('load');
    if (this.loadError !== undefined) throw new Error(this.loadError);
    if (this.loadAddsImage) this.images_.add(Buffer.concat(chunks).toString('utf8'));
  }
  getArchive(): Promise<Readable> {
    return Promise.resolve(Readable.from([Buffer.from('tar')]));
  }
  async putArchive(id: string, path: string, tar: Readable): Promise<void> {
    for await (const _ of tar) void _;
    this.log(`put ${this.get(id).name} ${path}`);
  }
  createLock(name: string, image: string, labels: Readonly<Record<string, string>>): Promise<LockResult> {
    const held = this.byName(name);
    if (held) return Promise.resolve({ acquired: false, holder: held.labels });
    const id = `${this.host}-${name}`;
    this.log(`lock ${name}`);
    this.containers.set(id, details(this.host, name, { id, image, labels, state: 'created' }));
    return Promise.resolve({ acquired: true });
  }
}

/** hosts() for an executor over fakes; unknown hosts throw like the real lookup. */
export function fleetOf(...hosts: FakeMutations[]): (name: string) => FakeMutations {
  const map = new Map(hosts.map((h) => [h.host, h]));
  return (name) => {
    const h = map.get(name);
    if (!h) throw new Error(`no host ${name}`);
    return h;
  };
}
