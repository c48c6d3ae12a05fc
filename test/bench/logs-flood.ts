/*
 * Logs-flood benchmark (issue 9; the latency half of test/integration/logs-flood.test.tsx): how
 * fast the dashboard answers a key (Space: pause / follow, until the frame shows it) while it
 * follows a container that writes log lines as fast as it can over SSH — beside the same key over
 * a quiet container (web-1 on host 0), measured just before in this run. The dashboard runs in
 * this process through ink-testing-library with the real transport, frames polled every 2 ms, so
 * a busy event loop shows as it would to a user. Prints figures and met/MISSED; never asserts.
 *
 * Run: npm run bench -- logs-flood   (FLEETDECK_LAB_DIR=… to use a running lab, else a bench lab)
 * Env: BENCH_FLOOD_MS (10000) of keys during the flood, BENCH_FLOOD_BASELINE_MS (4000) quiet.
 */
import {
  closeLogs,
  FLOOD,
  openFloodDashboard,
  openLogsOf,
  removeFlood,
  startFlood,
  toggleFollow,
  type FloodDashboard,
} from '../support/flood-dashboard.js';
import { benchLab, median, percentile } from './bench-lab.js';

const MEASURE_MS = Number(process.env.BENCH_FLOOD_MS ?? 10_000);
const BASELINE_MS = Number(process.env.BENCH_FLOOD_BASELINE_MS ?? 4_000);
const WAIT_MS = 60_000;
/** Goals: a typical key within this during the flood; the slow tail no worse than 2× quiet. */
const KEY_BUDGET_MS = 100;

interface KeyFigures {
  count: number;
  median: number;
  p95: number;
  max: number;
}

/** Toggles pause with Space for `ms`, timing each press until the frame shows its effect. */
async function timeKeys(d: FloodDashboard, ms: number): Promise<KeyFigures> {
  const latencies: number[] = [];
  const startedAt = Date.now();
  let paused = false;
  while (Date.now() - startedAt < ms) {
    latencies.push(await toggleFollow(d, paused, WAIT_MS, 2));
    paused = !paused;
  }
  if (paused) await toggleFollow(d, true, WAIT_MS, 2);
  return {
    count: latencies.length,
    median: Math.round(median(latencies)),
    p95: Math.round(percentile(latencies, 95)),
    max: Math.round(Math.max(...latencies)),
  };
}

export async function logsFloodBench(): Promise<void> {
  const { lab, teardown } = await benchLab();
  // Not host 0: its data root is a small btrfs image, and the flood's log file grows fast.
  const floodHost = lab.hosts.length - 1;
  const quiet = lab.hosts[0]!.name;
  const flooding = lab.hosts[floodHost]!.name;
  await startFlood(lab, floodHost);
  const d = await openFloodDashboard(lab);
  try {
    await openLogsOf(d, quiet, 'web-1', 'GET /items/', WAIT_MS);
    const baseline = await timeKeys(d, BASELINE_MS);
    await closeLogs(d, WAIT_MS);

    const rssBefore = process.memoryUsage().rss;
    const tail = await openLogsOf(d, flooding, FLOOD, 'flood line', WAIT_MS);
    const received = (): number => tail.getSnapshot().endSeq + tail.getSnapshot().dropped;
    let rssMax = rssBefore;
    const sampler = setInterval(() => (rssMax = Math.max(rssMax, process.memoryUsage().rss)), 200);
    const linesAtStart = received();
    const bytesAtStart = d.watch.bytes;
    const startedAt = performance.now();
    const cpuAtStart = process.cpuUsage();
    let flood: KeyFigures;
    try {
      flood = await timeKeys(d, MEASURE_MS);
    } finally {
      clearInterval(sampler);
    }
    const cpu = process.cpuUsage(cpuAtStart);
    const seconds = (performance.now() - startedAt) / 1000;
    const snap = tail.getSnapshot();

    const out = process.stdout;
    const row = (name: string, k: KeyFigures) =>
      `${name.padEnd(26)}${String(k.count).padStart(6)}${`${k.median} ms`.padStart(10)}${`${k.p95} ms`.padStart(10)}${`${k.max} ms`.padStart(10)}\n`;
    out.write(`\nlogs flood: Space (pause/follow) → frame, in the dashboard over SSH\n\n`);
    out.write(
      `${''.padEnd(26)}${'keys'.padStart(6)}${'median'.padStart(10)}${'p95'.padStart(10)}${'max'.padStart(10)}\n`,
    );
    out.write(row(`quiet (${quiet}/web-1)`, baseline));
    out.write(row(`flood (${flooding}/${FLOOD})`, flood));
    out.write(
      `\nflood: ${Math.round((received() - linesAtStart) / seconds)} lines/s into the view, ` +
        `${((d.watch.bytes - bytesAtStart) / seconds / 2 ** 20).toFixed(1)} MiB/s off the wire, ` +
        `${snap.dropped} dropped, ${snap.endSeq - snap.startSeq} held (cap ${snap.lineCap}), ` +
        `CPU ${Math.round(((cpu.user + cpu.system) / 1000 / (seconds * 1000)) * 100)}% of a core, ` +
        `RSS ${Math.round(rssBefore / 2 ** 20)} → max ${Math.round(rssMax / 2 ** 20)} MB\n`,
    );
    const p95Goal = Math.max(KEY_BUDGET_MS, 2 * baseline.p95);
    out.write(`\ngoals\n`);
    out.write(
      `median key during the flood ≤ ${KEY_BUDGET_MS} ms: ${flood.median} ms  ${flood.median <= KEY_BUDGET_MS ? 'met' : 'MISSED'}\n`,
    );
    out.write(
      `p95 during the flood ≤ max(${KEY_BUDGET_MS} ms, 2× quiet p95 = ${2 * baseline.p95} ms): ${flood.p95} ms  ${flood.p95 <= p95Goal ? 'met' : 'MISSED'}\n`,
    );
  } finally {
    await d.close();
    await removeFlood(lab, floodHost);
    await teardown();
  }
}
