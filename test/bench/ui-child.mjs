/*
 * The UI benchmark's workload, run the way users run fleetdeck: plain `node` on the compiled code
 * in dist/ with NODE_ENV=production (React's production build), no TypeScript loader in the
 * process. test/bench/ui.ts builds dist/, spawns this and prints the figures; run it alone to
 * profile: `NODE_ENV=production node --expose-gc --cpu-prof test/bench/ui-child.mjs`.
 * Writes one JSON object (the raw figures) as the last line of stdout.
 *
 * Env: BENCH_UI_PRESSES (200), BENCH_UI_UPDATES (10000), BENCH_UI_MEMORY=1 (heap breakdown on stderr).
 */
import { EventEmitter } from 'node:events';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { setImmediate } from 'node:timers';
import { getHeapSpaceStatistics } from 'node:v8';

const dist = new URL('../../dist/', import.meta.url);
const { FleetStore } = await import(new URL('fleet/store.js', dist).href);
const { loadTheme } = await import(new URL('theme/index.js', dist).href);
const { mountDashboard } = await import(new URL('ui/run-dashboard.js', dist).href);

const HOSTS = 200;
const PER_HOST = 25;
const COLUMNS = 120;
const ROWS = 40;
const PRESSES = Number(process.env.BENCH_UI_PRESSES ?? 200);
const UPDATES = Math.max(1, Number(process.env.BENCH_UI_UPDATES ?? 10_000));
const WARM_UPDATES = 1_000;
const MAX_FPS = 10;

/** @type {() => void} */
const gc =
  typeof globalThis.gc === 'function'
    ? globalThis.gc
    : () => {
        throw new Error('run with node --expose-gc');
      };

/** A 120×40 TTY that counts what it is sent and tells a waiter when the next write arrives. */
class FakeTerminal extends EventEmitter {
  isTTY = true;
  columns = COLUMNS;
  rows = ROWS;
  writes = 0;
  bytes = 0;
  /** @type {(() => void) | undefined} */
  waiter = undefined;
  /** @param {string} data */
  write = (data) => {
    this.writes++;
    this.bytes += data.length;
    const w = this.waiter;
    this.waiter = undefined;
    w?.();
    return true;
  };
  /** @returns {Promise<void>} */
  nextWrite() {
    return new Promise((resolve) => (this.waiter = resolve));
  }
}

/** Raw-mode stdin as Ink reads it: 'readable', then read() hands over the chunk. */
class FakeStdin extends EventEmitter {
  isTTY = true;
  /** @type {string | null} */
  data = null;
  /** @param {string} key */
  press(key) {
    this.data = key;
    this.emit('readable');
  }
  read = () => {
    const d = this.data;
    this.data = null;
    return d;
  };
  setEncoding() {}
  setRawMode() {}
  resume() {}
  pause() {}
  ref() {}
  unref() {}
}

/** @param {number} cpu @param {number} mem */
function usage(cpu, mem) {
  return {
    cpuPercent: cpu,
    memBytes: mem,
    memLimitBytes: 1e9,
    cpuHistory: Array.from({ length: 60 }, () => cpu),
    memHistory: Array.from({ length: 60 }, () => mem),
    sampledAt: Date.now(),
  };
}

function syntheticFleet() {
  const now = Date.now();
  const hosts = Array.from({ length: HOSTS }, (_, i) => `host-${String(i).padStart(3, '0')}`);
  const store = new FleetStore(
    hosts.map((name) => ({ name, address: `root@${name}:22`, state: 'up', since: now })),
  );
  /** @type {string[]} */
  const keys = [];
  store.batch(() => {
    for (const host of hosts) {
      const containers = Array.from({ length: PER_HOST }, (_, j) => ({
        host,
        id: `${host}-c${String(j).padStart(2, '0')}`.padEnd(64, '0'),
        name: `svc${j % 12}-${Math.floor(j / 12) + 1}`,
        role: `svc${j % 12}`,
        image: `registry.example.com/svc${j % 12}:1.${j % 3}`,
        imageId: `sha256:${j % 3}`,
        command: 'run',
        created: now / 1000 - 3600,
        state: j % 10 === 9 ? 'exited' : 'running',
        status: j % 10 === 9 ? 'Exited (1) 5 minutes ago' : 'Up 2 hours',
        health: 'none',
        labels: {},
        ports: [],
      }));
      store.setContainers(host, containers);
      for (const c of containers) {
        const key = `${c.host}/${c.id}`;
        keys.push(key);
        store.setUsage(key, usage(Math.random() * 50, 100e6));
      }
    }
  });
  return { store, keys };
}

/** @param {number} ms */
const pause = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * RSS once V8 has handed back what a full GC freed. Right after gc() the freed pages of the old
 * generation are still mapped (V8 unmaps them from a background task a little later), so that
 * reading depends on how much garbage the last stretch made, not on what the process keeps.
 * A dashboard is idle between samples and key presses, so this settled figure is what it holds.
 */
async function settledRss() {
  gc();
  let rss = process.memoryUsage().rss;
  for (let i = 0; i < 10; i++) {
    await pause(200);
    gc();
    const next = process.memoryUsage().rss;
    const dropped = rss - next;
    rss = Math.min(rss, next);
    if (i >= 2 && dropped < 1024 * 1024) break;
  }
  return rss;
}
const cpuMs = (/** @type {NodeJS.CpuUsage} */ u) => (u.user + u.system) / 1000;

gc();
const rssFloor = process.memoryUsage().rss;
const started = performance.now();
const { store, keys } = syntheticFleet();
const terminal = new FakeTerminal();
const stdin = new FakeStdin();
const { theme } = loadTheme({ name: 'dark', colorMode: 'truecolor' });
/** @type {string[]} */
let visible = [];
const firstFrame = terminal.nextWrite();
const { instance, frames } = mountDashboard(
  {
    reader: store,
    readOnly: false,
    wallboard: false,
    theme,
    colorMode: 'truecolor',
    onQuit: () => {},
    loadDetails: async () => {
      throw new Error('not in the bench');
    },
    initialView: 'containers',
    onVisibleContainersChange: (/** @type {string[]} */ k) => (visible = k),
  },
  { stdout: terminal, stdin, maxFps: MAX_FPS },
);
await firstFrame;
const firstFrameMs = performance.now() - started;

// Key press → the frame reaches the terminal, with the production frame cap (10/s for data
// updates; a key's answer is not held back by it). Presses ~100 ms apart, like a person; j for 20
// presses then k for 20, so the cursor walks down the screen, scrolls, and comes back.
/** @type {number[]} */
const latencies = [];
/** @type {number[]} */
const cpuPerKey = [];
for (let i = 0; i < PRESSES; i++) {
  await pause(1000 / MAX_FPS + 2);
  const written = terminal.nextWrite();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  stdin.press(i % 40 < 20 ? 'j' : 'k');
  await written;
  latencies.push(performance.now() - t0);
  cpuPerKey.push(cpuMs(process.cpuUsage(cpu0)));
}
gc();
const afterKeys = process.memoryUsage();
const settledAfterKeys = await settledRss();
/** With BENCH_UI_MEMORY: where the memory is (V8 spaces: committed MB / used MB). */
const memoryReport = (/** @type {string} */ label) => {
  if (!process.env.BENCH_UI_MEMORY) return;
  const mbOf = (/** @type {number} */ b) => (b / 1048576).toFixed(1);
  const spaces = getHeapSpaceStatistics()
    .map((s) => `${s.space_name.replace(/_space$/, '')} ${mbOf(s.space_size)}/${mbOf(s.space_used_size)}`)
    .join(', ');
  process.stderr.write(`${label}: ${JSON.stringify(process.memoryUsage())}\n  ${spaces}\n`);
};
memoryReport('after keys');

// Store updates as the sampler makes them: usage of a visible container, one publication each,
// with the event loop let through every 100 updates (Ink renders, the frame writer writes).
/** @param {number} i */
const update = (i) => {
  const key = visible[i % Math.max(1, visible.length)] ?? keys[i % keys.length] ?? '';
  store.setUsage(key, usage((i % 100) / 2, 100e6 + i));
};
const updateStart = performance.now();
const updateCpu0 = process.cpuUsage();
let rssAtWarm = 0;
let settledAtWarm = 0;
let settleMs = 0;
let settleCpuMs = 0;
for (let i = 0; i < UPDATES; i++) {
  update(i);
  if (i % 100 === 99) await new Promise((r) => setImmediate(r));
  if (i === WARM_UPDATES - 1) {
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    gc();
    rssAtWarm = process.memoryUsage().rss;
    memoryReport(`after ${WARM_UPDATES} updates`);
    settledAtWarm = await settledRss();
    settleMs += performance.now() - t0;
    settleCpuMs += cpuMs(process.cpuUsage(cpu0));
  }
}
// The settling pause at the warm-up mark is not update work.
const updateMs = performance.now() - updateStart - settleMs;
const updateCpuMs = cpuMs(process.cpuUsage(updateCpu0)) - settleCpuMs;
gc();
const afterUpdates = process.memoryUsage();
const rssAfterUpdates = afterUpdates.rss;
memoryReport('after updates');
const settledAfterUpdates = await settledRss();
memoryReport('after updates, settled');
instance.unmount();
frames.close();

process.stdout.write(
  `${JSON.stringify({
    hosts: HOSTS,
    perHost: PER_HOST,
    containers: keys.length,
    columns: COLUMNS,
    rows: ROWS,
    nodeEnv: process.env.NODE_ENV ?? '',
    node: process.version,
    firstFrameMs,
    latenciesMs: latencies,
    cpuPerKeyMs: cpuPerKey,
    rssFloor,
    rssAfterKeys: afterKeys.rss,
    heapAfterKeys: afterKeys.heapUsed,
    heapAfterUpdates: afterUpdates.heapUsed,
    updates: UPDATES,
    warmUpdates: WARM_UPDATES,
    updateMs,
    updateCpuMs,
    rssAtWarm,
    rssAfterUpdates,
    settledAfterKeys,
    settledAtWarm,
    settledAfterUpdates,
    terminalWrites: terminal.writes,
    terminalBytes: terminal.bytes,
    loadAverage: loadavg()[0] ?? 0,
    cpus: cpus().length,
  })}\n`,
);
process.exit(0);
