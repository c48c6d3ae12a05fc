import { homedir } from 'node:os';
import type { Readable } from 'node:stream';
import { render } from 'ink-testing-library';
import { createElement } from 'react';
import { openTargets, type FleetTargets } from '../../src/app/targets.js';
import { loadFleet } from '../../src/config/index.js';
import type { DockerHostApi } from '../../src/docker/host-api.js';
import { HostWatcher } from '../../src/fleet/host-watcher.js';
import { logTailOpener } from '../../src/fleet/logs/open-log-tail.js';
import type { ClosableLogTail, OpenLogTail } from '../../src/fleet/logs/reader.js';
import { FleetStore } from '../../src/fleet/store.js';
import { loadTheme } from '../../src/theme/index.js';
import { App } from '../../src/ui/App.js';
import type { LabInventory } from './lab-inventory.js';
import { run } from './lab-script.js';

/*
 * The dashboard (App through ink-testing-library) over the lab's real SSH transport, with a
 * container on one host that writes log lines as fast as it can. Shared by the logs-flood test
 * (outcomes) and `npm run bench -- logs-flood` (key latency during the flood).
 */

export const FLOOD = 'flood';

/** Log streams as the gateway hands them out: bytes in, and each stream (to see it closed). */
export interface StreamWatch {
  bytes: number;
  streams: Readable[];
}

/** The gateway, with its log streams watched below the tail (which ignores data once closed). */
function watchLogStreams(api: DockerHostApi, watch: StreamWatch): DockerHostApi {
  const logs: DockerHostApi['logs'] = async (id, opts) => {
    const s = await api.logs(id, opts);
    watch.streams.push(s.stream);
    s.stream.on('data', (chunk: Buffer) => (watch.bytes += chunk.length));
    return s;
  };
  return new Proxy(api, {
    get(target, prop) {
      if (prop === 'logs') return logs;
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

function docker(lab: LabInventory, index: number, args: readonly string[]) {
  const host = lab.hosts[index];
  if (host === undefined) throw new Error(`no lab host ${index}`);
  return run('docker', ['-H', `unix://${host.dockerSocket}`, ...args], { timeoutMs: 60_000 });
}

/** Starts the flood container on host `index` (replacing one left behind). */
export async function startFlood(lab: LabInventory, index: number): Promise<void> {
  await docker(lab, index, ['rm', '-f', FLOOD]);
  const started = await docker(lab, index, [
    'run',
    '-d',
    '--name',
    FLOOD,
    '--network',
    'none',
    // Bounds the lab host's disk, not what is read: rotation is far off at this size.
    '--log-opt',
    'max-size=50m',
    '--log-opt',
    'max-file=2',
    'tiny:latest',
    'sh',
    '-c',
    'while :; do echo flood line $RANDOM; done',
  ]);
  if (started.code !== 0) throw new Error(`could not start the flood container: ${started.stderr}`);
}

export async function removeFlood(lab: LabInventory, index: number): Promise<void> {
  await docker(lab, index, ['rm', '-f', FLOOD]);
}

export interface FloodDashboard {
  ui: ReturnType<typeof render>;
  store: FleetStore;
  /** Every tail the dashboard opened, in order. */
  tails: ClosableLogTail[];
  watch: StreamWatch;
  /** Polls the last frame every `pollMs` until `cond` holds; the error shows the last frame. */
  frameUntil(
    cond: (frame: string) => boolean,
    what: string,
    timeoutMs: number,
    pollMs?: number,
  ): Promise<string>;
  close(): Promise<void>;
}

/** The lab's fleet in the dashboard's Containers view (read-only), its log streams watched. */
export async function openFloodDashboard(lab: LabInventory): Promise<FloodDashboard> {
  const config = await loadFleet({ fleetFile: lab.fleetFile, env: {}, homedir: homedir() });
  const fleet: FleetTargets = openTargets(config, { readOnly: true });
  const store = new FleetStore(
    fleet.targets.map((t) => ({ ...t.identity, state: 'connecting' as const, since: Date.now() })),
  );
  const watchers = fleet.targets.map((t) => new HostWatcher(t.api, store, { timeoutMs: 30_000 }));
  for (const w of watchers) w.start();
  const watch: StreamWatch = { bytes: 0, streams: [] };
  const tails: ClosableLogTail[] = [];
  const open = logTailOpener(
    new Map(fleet.targets.map((t) => [t.identity.name, watchLogStreams(t.api, watch)])),
  );
  const openLogTail: OpenLogTail = (containers) => {
    const tail = open(containers);
    tails.push(tail);
    return tail;
  };
  // createElement, not JSX: tsx (the bench's runner) compiles test files without the project's JSX setting.
  const ui = render(
    createElement(App, {
      reader: store,
      readOnly: true,
      wallboard: false,
      theme: loadTheme({ name: 'dark', colorMode: 'truecolor' }).theme,
      colorMode: 'truecolor',
      onQuit: () => undefined,
      loadDetails: () => Promise.reject(new Error('not used')),
      openLogTail,
      initialView: 'containers',
    }),
  );
  const frameUntil: FloodDashboard['frameUntil'] = async (cond, what, timeoutMs, pollMs = 10) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const frame = ui.lastFrame() ?? '';
      if (cond(frame)) return frame;
      if (Date.now() > deadline)
        throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last frame:\n${frame}`);
      await new Promise((r) => setTimeout(r, pollMs));
    }
  };
  return {
    ui,
    store,
    tails,
    watch,
    frameUntil,
    close: async () => {
      ui.unmount();
      for (const t of tails) t.close();
      for (const w of watchers) w.stop();
      await fleet.close();
    },
  };
}

/** Waits until the store lists `host/name` (what the dashboard draws from). */
export async function waitListed(
  d: FloodDashboard,
  host: string,
  name: string,
  timeoutMs: number,
): Promise<void> {
  const listed = () => d.store.getSnapshot().containers.some((c) => c.host === host && c.name === name);
  await d.frameUntil(listed, `${host}/${name} listed in the store`, timeoutMs);
}

/**
 * Filters the Containers view to `name` on `host` and opens its logs, waiting (on conditions, up
 * to `timeoutMs` each) for the store to list it, the filter to leave one row, and lines to show.
 * The store is asked first: whether the row is on screen depends on the screen's height.
 */
export async function openLogsOf(
  d: FloodDashboard,
  host: string,
  name: string,
  lineText: string,
  timeoutMs: number,
): Promise<ClosableLogTail> {
  await waitListed(d, host, name, timeoutMs);
  const opened = d.tails.length;
  // The filter matches a row's "host name role image state": host and name make it one row.
  const filter = `${host} ${name}`;
  d.ui.stdin.write('/');
  d.ui.stdin.write(filter);
  d.ui.stdin.write('\r');
  await d.frameUntil((f) => f.includes(`/${filter}/ · 1 of `), `only the ${host}/${name} row`, timeoutMs);
  d.ui.stdin.write('l');
  // Lines shown means the pane is mounted and listening: a key sent before that would be lost.
  await d.frameUntil(
    (f) => f.includes(`Logs · ${host}/${name}`) && f.includes(lineText),
    `${name}'s lines in the Logs view`,
    timeoutMs,
  );
  const tail = d.tails[opened];
  if (!tail) throw new Error(`no tail opened for ${host}/${name}`);
  return tail;
}

/** Leaves the Logs view and clears the filter, back to the whole Containers view. */
export async function closeLogs(d: FloodDashboard, timeoutMs: number): Promise<void> {
  d.ui.stdin.write('\x1b');
  await d.frameUntil(
    (f) => !f.includes('Logs ·') && f.includes('Containers ·'),
    'the Logs view closed',
    timeoutMs,
  );
  d.ui.stdin.write('\x1b');
  await d.frameUntil(
    (f) => f.includes('Containers ·') && !/Containers · \/[^/]+\//.test(f),
    'the filter cleared',
    timeoutMs,
  );
}

/** Presses Space (pause / follow) and waits until the frame shows its effect; returns the ms it took. */
export async function toggleFollow(
  d: FloodDashboard,
  pausedNow: boolean,
  timeoutMs: number,
  pollMs?: number,
): Promise<number> {
  const started = performance.now();
  d.ui.stdin.write(' ');
  await d.frameUntil(
    (f) => (pausedNow ? f.includes('· following') : f.includes('PAUSED')),
    pausedNow ? 'following after Space' : 'PAUSED after Space',
    timeoutMs,
    pollMs,
  );
  return performance.now() - started;
}
