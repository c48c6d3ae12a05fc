/*
 * UI benchmark: the dashboard (App through Ink and the frame writer, as `fleetdeck` runs it) over a
 * synthetic store of 200 hosts × 25 containers in a fake 120×40 terminal. Measures key-press → frame
 * latency, RSS, and RSS over 10,000 store updates. Prints goals as met/MISSED; never asserts.
 */
import { EventEmitter } from 'node:events';
import { cpus, loadavg } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Container } from '../../src/domain/container.js';
import { FleetStore } from '../../src/fleet/store.js';
import type { ContainerUsage } from '../../src/fleet/snapshot.js';
import { loadTheme } from '../../src/theme/index.js';
import { mountDashboard } from '../../src/ui/run-dashboard.js';

const HOSTS = 200;
const PER_HOST = 25;
// Smaller runs for profiling: BENCH_UI_PRESSES=20 BENCH_UI_UPDATES=2000 npm run bench -- ui
const PRESSES = Number(process.env.BENCH_UI_PRESSES ?? 200);
const UPDATES = Math.max(1, Number(process.env.BENCH_UI_UPDATES ?? 10_000));
const WARM_UPDATES = 1_000;
const MAX_FPS = 10;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

class FakeTerminal extends EventEmitter {
  readonly isTTY = true;
  readonly columns = 120;
  readonly rows = 40;
  writes = 0;
  bytes = 0;
  private waiter: (() => void) | undefined;
  write = (data: string): boolean => {
    this.writes++;
    this.bytes += data.length;
    const w = this.waiter;
    this.waiter = undefined;
    w?.();
    return true;
  };
  nextWrite(): Promise<void> {
    return new Promise((resolve) => (this.waiter = resolve));
  }
}

class FakeStdin extends EventEmitter {
  readonly isTTY = true;
  private data: string | null = null;
  press(key: string): void {
    this.data = key;
    this.emit('readable');
  }
  read = (): string | null => {
    const d = this.data;
    this.data = null;
    return d;
  };
  setEncoding(): void {}
  setRawMode(): void {}
  resume(): void {}
  pause(): void {}
  ref(): void {}
  unref(): void {}
}

function syntheticFleet(): { store: FleetStore; keys: string[] } {
  const now = Date.now();
  const hosts = Array.from({ length: HOSTS }, (_, i) => `host-${String(i).padStart(3, '0')}`);
  const store = new FleetStore(
    hosts.map((name) => ({ name, address: `root@${name}:22`, state: 'up' as const, since: now })),
  );
  const keys: string[] = [];
  store.batch(() => {
    for (const host of hosts) {
      const containers: Container[] = Array.from({ length: PER_HOST }, (_, j) => ({
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

function usage(cpu: number, mem: number): ContainerUsage {
  return {
    cpuPercent: cpu,
    memBytes: mem,
    memLimitBytes: 1e9,
    cpuHistory: Array.from({ length: 60 }, () => cpu),
    memHistory: Array.from({ length: 60 }, () => mem),
    sampledAt: Date.now(),
  };
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const goal = (met: boolean): string => (met ? 'met' : 'MISSED');
const pause = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export async function uiBench(): Promise<void> {
  gc();
  const rssFloor = process.memoryUsage().rss;
  const started = performance.now();
  const { store, keys } = syntheticFleet();
  const terminal = new FakeTerminal();
  const stdin = new FakeStdin();
  const { theme } = loadTheme({ name: 'dark', colorMode: 'truecolor' });
  let visible: string[] = [];
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
      onVisibleContainersChange: (k: string[]) => (visible = k),
    },
    { stdout: terminal, stdin: stdin as unknown as NodeJS.ReadStream, maxFps: MAX_FPS },
  );
  await firstFrame;
  const firstFrameMs = performance.now() - started;

  // Key press → the frame reaches the terminal, with the production frame cap (10/s for data
  // updates; a key's answer is not held back by it). Presses ~100 ms apart, like a person.
  const latencies: number[] = [];
  // CPU time per key → frame: what the machine's load inflates far less than wall time.
  const cpuPerKey: number[] = [];
  for (let i = 0; i < PRESSES; i++) {
    await pause(1000 / MAX_FPS + 2);
    const written = terminal.nextWrite();
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    stdin.press(i % 40 < 20 ? 'j' : 'k');
    await written;
    latencies.push(performance.now() - t0);
    const cpu = process.cpuUsage(cpu0);
    cpuPerKey.push((cpu.user + cpu.system) / 1000);
  }
  latencies.sort((a, b) => a - b);
  cpuPerKey.sort((a, b) => a - b);
  gc();
  const afterKeys = process.memoryUsage();
  const { rss: rssAfterKeys, heapUsed: heapAfterKeys } = afterKeys;
  if (process.env.BENCH_UI_MEMORY) process.stderr.write(`${JSON.stringify(afterKeys)}\n`);

  // Store updates as the sampler makes them: usage of a visible container, one publication each.
  const update = (i: number): void => {
    const key = visible[i % Math.max(1, visible.length)] ?? keys[i % keys.length] ?? '';
    store.setUsage(key, usage((i % 100) / 2, 100e6 + i));
  };
  const updateStart = performance.now();
  let rssAtWarm = 0;
  for (let i = 0; i < UPDATES; i++) {
    update(i);
    if (i % 100 === 99) await new Promise((r) => setImmediate(r));
    if (i === WARM_UPDATES - 1) {
      gc();
      rssAtWarm = process.memoryUsage().rss;
    }
  }
  const updateMs = performance.now() - updateStart;
  gc();
  const rssAfterUpdates = process.memoryUsage().rss;
  instance.unmount();
  frames.close();

  const p50 = percentile(latencies, 50);
  const p95 = percentile(latencies, 95);
  // With fewer updates than the warm-up (profiling runs) there is nothing to compare.
  const growth = rssAtWarm > 0 ? (rssAfterUpdates - rssAtWarm) / rssAtWarm : Number.NaN;
  const out = process.stdout;
  out.write(`ui benchmark: ${HOSTS} hosts × ${PER_HOST} containers = ${keys.length}, terminal 120×40\n`);
  out.write(`  first frame            ${firstFrameMs.toFixed(0)} ms (store build + first render)\n`);
  out.write(
    `  key → frame (${PRESSES} j/k)  p50 ${p50.toFixed(1)} ms  p95 ${p95.toFixed(1)} ms  max ${(latencies.at(-1) ?? 0).toFixed(1)} ms\n`,
  );
  out.write(
    `  CPU per key → frame    p50 ${percentile(cpuPerKey, 50).toFixed(1)} ms  p95 ${percentile(cpuPerKey, 95).toFixed(1)} ms  (load average ${loadavg()[0]?.toFixed(1)} on ${cpus().length} CPUs)\n`,
  );
  out.write(
    `  RSS after keys         ${mb(rssAfterKeys)} (JS heap ${mb(heapAfterKeys)}; process before the store: ${mb(rssFloor)}, of which the tsx loader ~50 MB)\n`,
  );
  out.write(
    `  ${UPDATES} store updates     ${(updateMs / UPDATES).toFixed(2)} ms each; RSS ${mb(rssAtWarm)} after ${WARM_UPDATES} → ${mb(rssAfterUpdates)} after ${UPDATES} (${(growth * 100).toFixed(1)}%)\n`,
  );
  out.write(
    `  terminal writes        ${terminal.writes} frames, ${(terminal.bytes / Math.max(1, terminal.writes)).toFixed(0)} bytes per frame on average\n`,
  );
  out.write('goals:\n');
  out.write(`  key → frame p95 ≤ 30 ms          ${goal(p95 <= 30)} (${p95.toFixed(1)} ms)\n`);
  out.write(
    `  RSS ≤ 200 MB                     ${goal(Math.max(rssAfterKeys, rssAfterUpdates) <= 200 * 1024 * 1024)} (${mb(Math.max(rssAfterKeys, rssAfterUpdates))})\n`,
  );
  out.write(
    `  no RSS growth > 5% after ${WARM_UPDATES} updates ${goal(growth <= 0.05)} (${(growth * 100).toFixed(1)}%)\n`,
  );
}
