/*
 * UI benchmark: the dashboard (App through Ink and the frame writer, as `fleetdeck` runs it) over a
 * synthetic store of 200 hosts × 25 containers in a fake 120×40 terminal. Measures key-press → frame
 * latency, RSS, and RSS over 10,000 store updates. Prints goals as met/MISSED; never asserts.
 *
 * What is measured is what users run: the compiled dist/ (built here first with `tsc -p
 * tsconfig.json`) in a plain `node` child with NODE_ENV=production (test/bench/ui-child.mjs), so
 * neither this tsx process nor React's development build is in the figures.
 *
 * RSS is read once V8 has unmapped what a full GC freed ("settled"); the reading right after the
 * GC is printed beside it: it still counts freed old-generation pages V8 returns a moment later.
 *
 * Env: BENCH_UI_RUNS (1) child runs, figures per run then the median; BENCH_UI_BUILD=0 skips the
 * build; BENCH_UI_PRESSES / BENCH_UI_UPDATES / BENCH_UI_MEMORY go to the child.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CHILD = fileURLToPath(new URL('./ui-child.mjs', import.meta.url));
const RUNS = Math.max(1, Number(process.env.BENCH_UI_RUNS ?? 1));

/** What ui-child.mjs reports. */
interface ChildFigures {
  hosts: number;
  perHost: number;
  containers: number;
  columns: number;
  rows: number;
  nodeEnv: string;
  node: string;
  firstFrameMs: number;
  latenciesMs: number[];
  cpuPerKeyMs: number[];
  rssFloor: number;
  rssAfterKeys: number;
  heapAfterKeys: number;
  updates: number;
  warmUpdates: number;
  updateMs: number;
  updateCpuMs: number;
  rssAtWarm: number;
  rssAfterUpdates: number;
  /** The same three readings once V8 has unmapped what the GC freed (see settledRss in the child). */
  settledAfterKeys: number;
  settledAtWarm: number;
  settledAfterUpdates: number;
  terminalWrites: number;
  terminalBytes: number;
  loadAverage: number;
  cpus: number;
}

interface RunSummary {
  p50: number;
  p95: number;
  max: number;
  cpuP50: number;
  cpuP95: number;
  rssMax: number;
  growth: number;
  /** Right after a GC, before V8 unmaps freed pages: depends on the last stretch's garbage. */
  rawRssMax: number;
  rawGrowth: number;
  figures: ChildFigures;
}

function run(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, out }));
  });
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

const median = (values: readonly number[]): number => percentile(values, 50);
const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const goal = (met: boolean): string => (met ? 'met' : 'MISSED');
const pct = (ratio: number): string => `${(ratio * 100).toFixed(1)}%`;

async function build(): Promise<void> {
  if (process.env.BENCH_UI_BUILD === '0') return;
  const tsc = fileURLToPath(new URL('../../node_modules/typescript/bin/tsc', import.meta.url));
  const { code, out } = await run(process.execPath, [tsc, '-p', 'tsconfig.json'], process.env);
  // tsc still emits on type errors (e.g. another change in progress): measure, but say so.
  if (code !== 0) process.stderr.write(`ui bench: tsc reported errors; dist/ may be partly stale\n${out}`);
}

async function childRun(): Promise<RunSummary> {
  const env = { ...process.env, NODE_ENV: 'production' };
  const { code, out } = await run(process.execPath, ['--expose-gc', CHILD], env);
  const last = out.trim().split('\n').at(-1) ?? '';
  if (code !== 0 || !last.startsWith('{')) throw new Error(`ui bench child failed (exit ${code}):\n${out}`);
  const figures = JSON.parse(last) as ChildFigures;
  // With fewer updates than the warm-up (profiling runs) there is nothing to compare.
  const ratio = (from: number, to: number): number => (from > 0 ? (to - from) / from : Number.NaN);
  return {
    p50: percentile(figures.latenciesMs, 50),
    p95: percentile(figures.latenciesMs, 95),
    max: Math.max(...figures.latenciesMs),
    cpuP50: percentile(figures.cpuPerKeyMs, 50),
    cpuP95: percentile(figures.cpuPerKeyMs, 95),
    rssMax: Math.max(figures.settledAfterKeys, figures.settledAfterUpdates),
    growth: ratio(figures.settledAtWarm, figures.settledAfterUpdates),
    rawRssMax: Math.max(figures.rssAfterKeys, figures.rssAfterUpdates),
    rawGrowth: ratio(figures.rssAtWarm, figures.rssAfterUpdates),
    figures,
  };
}

function printRun(out: NodeJS.WriteStream, r: RunSummary): void {
  const f = r.figures;
  out.write(`  first frame            ${f.firstFrameMs.toFixed(0)} ms (store build + first render)\n`);
  out.write(
    `  key → frame (${f.latenciesMs.length} j/k)  p50 ${r.p50.toFixed(1)} ms  p95 ${r.p95.toFixed(1)} ms  max ${r.max.toFixed(1)} ms\n`,
  );
  out.write(
    `  CPU per key → frame    p50 ${r.cpuP50.toFixed(1)} ms  p95 ${r.cpuP95.toFixed(1)} ms  (load average ${f.loadAverage.toFixed(1)} on ${f.cpus} CPUs)\n`,
  );
  out.write(
    `  RSS after keys         ${mb(f.settledAfterKeys)} settled, ${mb(f.rssAfterKeys)} right after GC (JS heap ${mb(f.heapAfterKeys)}; process before the store: ${mb(f.rssFloor)})\n`,
  );
  out.write(
    `  ${f.updates} store updates     ${(f.updateMs / f.updates).toFixed(3)} ms each (CPU ${(f.updateCpuMs / f.updates).toFixed(3)} ms)\n`,
  );
  out.write(
    `  RSS over the updates   settled ${mb(f.settledAtWarm)} after ${f.warmUpdates} → ${mb(f.settledAfterUpdates)} after ${f.updates} (${pct(r.growth)}); right after GC ${mb(f.rssAtWarm)} → ${mb(f.rssAfterUpdates)} (${pct(r.rawGrowth)})\n`,
  );
  out.write(
    `  terminal writes        ${f.terminalWrites} frames, ${(f.terminalBytes / Math.max(1, f.terminalWrites)).toFixed(0)} bytes per frame on average\n`,
  );
}

export async function uiBench(): Promise<void> {
  const out = process.stdout;
  await build();
  const runs: RunSummary[] = [];
  for (let i = 0; i < RUNS; i++) {
    const r = await childRun();
    runs.push(r);
    const f = r.figures;
    if (i === 0)
      out.write(
        `ui benchmark: ${f.hosts} hosts × ${f.perHost} containers = ${f.containers}, terminal ${f.columns}×${f.rows}, dist/ under node ${f.node} NODE_ENV=${f.nodeEnv}\n`,
      );
    if (RUNS > 1) out.write(`run ${i + 1} of ${RUNS}:\n`);
    printRun(out, r);
  }
  const p95 = median(runs.map((r) => r.p95));
  const cpuP95 = median(runs.map((r) => r.cpuP95));
  const rss = median(runs.map((r) => r.rssMax));
  const growth = median(runs.map((r) => r.growth));
  const rawRss = median(runs.map((r) => r.rawRssMax));
  const rawGrowth = median(runs.map((r) => r.rawGrowth));
  const warm = runs[0]?.figures.warmUpdates ?? 0;
  const of = RUNS > 1 ? ` (median of ${RUNS} runs)` : '';
  out.write(`goals${of}:\n`);
  out.write(
    `  key → frame p95 ≤ 30 ms          ${goal(p95 <= 30)} (${p95.toFixed(1)} ms; CPU p95 ${cpuP95.toFixed(1)} ms)\n`,
  );
  out.write(
    `  RSS ≤ 200 MB                     ${goal(rss <= 200 * 1024 * 1024)} (${mb(rss)} settled; ${mb(rawRss)} right after GC)\n`,
  );
  out.write(
    `  no RSS growth > 5% after ${warm} updates ${goal(growth <= 0.05)} (${pct(growth)} settled; ${pct(rawGrowth)} right after GC)\n`,
  );
}
