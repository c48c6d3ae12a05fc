/*
 * The fan-out bench's whole-process half (issue 10): on the 8-host lab, `fleetdeck ps --all --json`
 * cold as a whole process against the bare ssh2 floor script and the sequential docker CLI loop
 * (whole processes too), handshake limits, and the dashboard idling on the quiet lab.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LabInventory } from '../support/lab-inventory.js';
import { percentile } from './bench-lab.js';
import { cliLoopRun, floorRun, handshakeSweep, psRun, summarise, type Timed } from './contenders.js';
import { probeDashboard } from './dashboard-probe.js';
import { mb, ms, pct, type Goal } from './goals.js';
import { buildOnce } from './whole-process.js';

const COLD_RUNS = Number(process.env.BENCH_COLD_RUNS ?? 5);
const CLI_RUNS = Number(process.env.BENCH_CLI_RUNS ?? 3);

export async function wholeProcessFanout(lab: LabInventory): Promise<Goal[]> {
  const n = lab.hosts.length;
  await buildOnce();
  const inventory = join(lab.labDir, 'inventory.json');
  const r = { psJson: [] as Timed[], ps: [] as Timed[], floor: [] as Timed[], cli: [] as Timed[] };
  for (let i = 0; i < COLD_RUNS; i++) {
    r.psJson.push(await psRun(lab.fleetFile, n, true));
    r.ps.push(await psRun(lab.fleetFile, n, false));
    r.floor.push(await floorRun(inventory));
    if (i < CLI_RUNS) r.cli.push(await cliLoopRun(inventory));
  }
  const s = {
    psJson: summarise(r.psJson),
    ps: summarise(r.ps),
    floor: summarise(r.floor),
    cli: summarise(r.cli),
  };
  const sweep = await handshakeSweep({
    fleetFile: lab.fleetFile,
    inventory,
    hosts: n,
    limits: (process.env.BENCH_SWEEP ?? '2,4').split(',').map(Number),
    runs: Number(process.env.BENCH_SWEEP_RUNS ?? 3),
    dir: mkdtempSync(join(tmpdir(), 'fleetdeck-bench-fanout-')),
  });
  const dash = await probeDashboard({
    fleetFile: lab.fleetFile,
    hosts: n,
    runMs: 0,
    idleWindowMs: Number(process.env.BENCH_IDLE_S ?? 30) * 1000,
    presses: 40,
    label: `dashboard, ${n} lab hosts`,
  });

  const out = process.stdout;
  out.write(`\nwhole processes over ${n} lab hosts (median of ${COLD_RUNS}; CLI loop ${CLI_RUNS})\n`);
  for (const [name, x] of [
    ['fleetdeck ps --all --json', s.psJson],
    ['fleetdeck ps --all', s.ps],
    ['floor script (bare ssh2)', s.floor],
    ['docker CLI loop', s.cli],
  ] as const) {
    out.write(
      `  ${name.padEnd(26)} ${ms(x.ms).padStart(8)}  peak RSS ${mb(x.maxRssBytes).padStart(6)}  ${x.ok}/${x.hosts} hosts\n`,
    );
  }
  out.write(`  handshake limit   fleetdeck ps --all   floor\n`);
  for (const p of sweep) {
    out.write(
      `    ${String(p.limit).padEnd(14)} ${ms(p.fleetdeck?.ms ?? NaN).padStart(8)}           ${ms(p.floor.ms).padStart(8)}\n`,
    );
  }
  const lat = dash.keyLatenciesMs;
  out.write(
    `  dashboard: all up ${dash.allUpMs === undefined ? `never (${dash.bestUp})` : ms(dash.allUpMs)}; idle CPU ${pct(dash.idleCpu)} of a core over ${dash.idleWindowMs / 1000} s; ` +
      `key → frame p50 ${ms(percentile(lat, 50))} p95 ${ms(percentile(lat, 95))} (${lat.length} keys, ${dash.keyMisses} without a frame)\n`,
  );
  const vsCli = s.cli.ms / s.psJson.ms;
  const vsFloor = s.psJson.ms / s.floor.ms;
  return [
    {
      goal: 'ps --all --json ≥ 4× faster than the CLI loop',
      ratio: vsCli,
      met: vsCli >= 4,
      measured: `${ms(s.psJson.ms)} vs ${ms(s.cli.ms)}`,
    },
    {
      goal: 'ps --all --json ≤ 1.3× the bare ssh2 floor script',
      ratio: vsFloor,
      met: vsFloor <= 1.3,
      measured: `${ms(s.psJson.ms)} vs ${ms(s.floor.ms)}`,
    },
    {
      goal: `dashboard idle, ${n} quiet hosts, ≤ 1% of a core`,
      met: dash.idleCpu <= 0.01,
      measured: pct(dash.idleCpu),
    },
  ];
}
