import { EventEmitter } from 'node:events';
import { render as inkRender, type Instance } from 'ink';
import type { ReactElement } from 'react';
import type { Container } from '../../../src/domain/container.js';
import type { ContainerDetails } from '../../../src/domain/details.js';
import type { FleetEvent } from '../../../src/domain/event.js';
import type { HostStatus } from '../../../src/domain/host.js';
import type { ContainerUsage, FleetReader, FleetSnapshot } from '../../../src/fleet/snapshot.js';
import { loadTheme, type ColorMode } from '../../../src/theme/index.js';
import { ManualClock as SharedManualClock } from '../../support/manual-clock.js';

export const T0 = Date.UTC(2025, 0, 15, 12, 0, 0);

/** A tiny in-test store: the UI only sees getSnapshot/subscribe. */
export class FakeFleet implements FleetReader {
  private snapshot: FleetSnapshot;
  private readonly listeners = new Set<() => void>();

  constructor(initial: Partial<FleetSnapshot> = {}) {
    this.snapshot = {
      version: 1,
      hosts: [],
      containers: [],
      events: [],
      usage: new Map(),
      updatedAt: T0,
      ...initial,
    };
  }

  getSnapshot = (): FleetSnapshot => this.snapshot;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  publish(change: Partial<FleetSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...change, version: this.snapshot.version + 1 };
    for (const l of this.listeners) l();
  }
}

/** The shared manual clock, starting at T0. */
export class ManualClock extends SharedManualClock {
  constructor(time = T0) {
    super(time);
  }
}

export function host(name: string, extra: Partial<HostStatus> = {}): HostStatus {
  return {
    name,
    address: `root@${name}:22`,
    state: 'up',
    since: T0 - 3_600_000,
    docker: {
      serverVersion: '20.10.24',
      apiVersion: '1.41',
      storageDriver: 'overlay2',
      containersRunning: 2,
      containersTotal: 3,
    },
    latencyMs: 6,
    ...extra,
  };
}

export function container(hostName: string, name: string, extra: Partial<Container> = {}): Container {
  return {
    host: hostName,
    id: `${hostName}-${name}-0123456789abcdef`,
    name,
    role: name.replace(/-\d+$/, ''),
    image: 'registry.example.com/shop/web:1.4',
    imageId: 'sha256:aaa',
    command: 'nginx -g daemon off;',
    created: T0 / 1000 - 7200,
    state: 'running',
    status: 'Up 2 hours (healthy)',
    health: 'healthy',
    labels: {},
    ports: [],
    ...extra,
  };
}

export function event(
  hostName: string,
  action: string,
  name: string,
  extra: Partial<FleetEvent> = {},
): FleetEvent {
  return {
    host: hostName,
    time: T0 - 1000,
    type: 'container',
    action,
    actorId: `${hostName}-${name}-0123456789abcdef`,
    attributes: { name },
    ...extra,
  };
}

export function usage(cpu: number, mem: number): ContainerUsage {
  return {
    cpuPercent: cpu,
    memBytes: mem,
    memLimitBytes: 512 * 1024 * 1024,
    cpuHistory: [1, 2, cpu],
    memHistory: [mem, mem, mem],
    sampledAt: T0,
  };
}

export function details(c: Container, extra: Partial<ContainerDetails> = {}): ContainerDetails {
  return {
    ...c,
    createdAt: '2025-01-15T10:00:00Z',
    startedAt: '2025-01-15T10:00:00Z',
    exitCode: 0,
    oomKilled: false,
    restartCount: 2,
    restartPolicy: { name: 'unless-stopped', maximumRetryCount: 0 },
    stopSignal: 'SIGQUIT',
    stopTimeout: 30,
    init: true,
    entrypoint: ['/docker-entrypoint.sh'],
    cmd: ['nginx', '-g', 'daemon off;'],
    pid: 42,
    tty: false,
    env: ['PATH=/usr/bin', 'DB_PASSWORD=hunter2'],
    mounts: [
      {
        type: 'volume',
        name: 'data',
        source: '/var/lib/docker/volumes/data',
        destination: '/data',
        readWrite: true,
      },
    ],
    healthLog: [{ start: 'a', end: '2025-01-15T11:59:00Z', exitCode: 0, output: 'ok\n' }],
    networks: ['shop'],
    ...extra,
  };
}

/** A small fleet: one host unreachable, a role with drift, an OOM-killed container. */
export function sampleFleet(): FakeFleet {
  const containers = [
    container('web-a', 'web-1', { labels: { 'org.opencontainers.image.revision': 'abc1234def' } }),
    container('web-a', 'db-1', { image: 'postgres:16', role: 'db', labels: { 'db.password': 'hunter2' } }),
    container('web-b', 'web-2', {
      imageId: 'sha256:bbb',
      labels: { 'org.opencontainers.image.revision': 'fff9999aaa' },
    }),
    container('web-b', 'worker-1', {
      state: 'exited',
      status: 'Exited (137) 5 minutes ago',
      health: 'none',
      exitCode: 137,
    }),
  ];
  const u = new Map<string, ContainerUsage>([
    ['web-a/web-a-web-1-0123456789abcdef', usage(12.5, 100 * 1024 * 1024)],
    ['web-a/web-a-db-1-0123456789abcdef', usage(55, 300 * 1024 * 1024)],
  ]);
  return new FakeFleet({
    hosts: [
      host('web-a'),
      host('web-b', { group: 'edge' }),
      host('web-c', {
        state: 'unreachable',
        since: T0 - 300_000,
        problem: { code: 'timeout', message: 'web-c: SSH timeout to 10.0.0.9:22 — check the host is up' },
        docker: undefined,
        latencyMs: undefined,
      }),
    ],
    containers,
    events: [
      event('web-b', 'die', 'worker-1', { attributes: { name: 'worker-1', exitCode: '137' } }),
      event('web-a', 'start', 'web-1'),
    ],
    usage: u,
  });
}

export function theme(mode: ColorMode = 'none', name = 'dark') {
  return loadTheme({ name, colorMode: mode }).theme;
}

/** Polls until `predicate` holds on the last frame: no fixed sleeps. */
export async function waitForFrame(
  lastFrame: () => string | undefined,
  predicate: (frame: string) => boolean,
  timeoutMs = 3000,
): Promise<string> {
  const start = Date.now();
  for (;;) {
    const frame = lastFrame() ?? '';
    if (predicate(frame)) return frame;
    if (Date.now() - start > timeoutMs) {
      throw new Error(`timed out waiting for frame; last frame:\n${frame}`);
    }
    await new Promise((r) => setTimeout(r, 5));
  }
}

export const waitForText = (lastFrame: () => string | undefined, text: string): Promise<string> =>
  waitForFrame(lastFrame, (f) => f.includes(text));

class SizedStdout extends EventEmitter {
  frames: string[] = [];
  isTTY = false;
  constructor(
    public columns: number,
    public rows: number,
  ) {
    super();
  }
  write = (frame: string): boolean => {
    this.frames.push(frame);
    return true;
  };
  lastFrame = (): string | undefined => this.frames.at(-1);
  resize(columns: number, rows: number): void {
    this.columns = columns;
    this.rows = rows;
    this.emit('resize');
  }
}

export class FakeStdin extends EventEmitter {
  data: string | null = null;
  /** undefined, as Node gives for a file or /dev/null, is not the same as false to Ink. */
  constructor(public isTTY: boolean | undefined) {
    super();
  }
  write = (data: string): void => {
    this.data = data;
    this.emit('readable');
  };
  read = (): string | null => {
    const d = this.data;
    this.data = null;
    return d;
  };
  setEncoding(): void {}
  setRawMode(): void {
    if (!this.isTTY) throw new Error('raw mode on a non-TTY stdin');
  }
  resume(): void {}
  pause(): void {}
  ref(): void {}
  unref(): void {}
}

/** Like ink-testing-library's render, with a chosen terminal size and TTY-ness of stdin. */
export function renderSized(
  node: ReactElement,
  opts: { columns: number; rows: number; stdinIsTTY?: boolean | undefined },
) {
  const stdout = new SizedStdout(opts.columns, opts.rows);
  const stdin = new FakeStdin('stdinIsTTY' in opts ? opts.stdinIsTTY : true);
  const instance: Instance = inkRender(node, {
    stdout: stdout as unknown as NodeJS.WriteStream,
    stdin: stdin as unknown as NodeJS.ReadStream,
    debug: true,
    exitOnCtrlC: false,
    patchConsole: false,
  });
  return { stdout, stdin, instance, lastFrame: stdout.lastFrame };
}
