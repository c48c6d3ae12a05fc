/*
 * Fault benchmark (issue 9, "Fault suite"): for each fault, injected for real on a lab host —
 *   time to detect: the host leaves `up` in the store (the app runtime, in this process), on the
 *     dashboard's screen (bin/fleetdeck.js in tmux) and in `fleetdeck hosts --json` (fresh runs);
 *   time to recover once the fault is undone, on the same three;
 *   other hosts unaffected: no other host leaves `up`, and a container created on one of them
 *     meanwhile is listed;
 *   keys answered: the dashboard switches views (3, then 1) while the fault is on — the slower
 *     round trip, beside the same keys with no fault (the baseline, measured first in this run);
 *   containers lost and left paused (each daemon asked directly, before and after): must be 0.
 * Faults that must not mark the host (a slow link) count "stays up" instead, and time a listing
 * and a reconnect over the bad link. The action faults (t-actions) come from ./faults-actions.ts
 * when it exists, else their rows say "pending". Prints figures and met/MISSED; never asserts.
 *
 * Run: npm run bench -- faults   (FLEETDECK_LAB_DIR=… to use a running lab of ≥ 3 hosts; else a
 * BENCH_HOSTS-host bench lab is started, 4 by default here). BENCH_FAULT_WAIT_S (45) bounds each wait.
 */
import { runFault, type FaultOutcome, type Step } from '../support/fault-run.js';
import { FaultScene } from '../support/fault-scene.js';
import { benchLab, median } from './bench-lab.js';

const WAIT_MS = Number(process.env.BENCH_FAULT_WAIT_S ?? 45) * 1000;
/** Goals: a marked host within this of the fault, back within this of the undo. */
const DETECT_GOAL_MS = 30_000;
const RECOVER_GOAL_MS = 30_000;
/** A key is answered within this of the same keys with no fault (plus tmux's own capture cost). */
const KEYS_GOAL_RATIO = 3;

interface FaultCase {
  name: string;
  /** Which lab host it hits: a direct one, or the one behind the proxy. */
  on: 'direct' | 'proxied';
  /** `marked`: the host must leave `up`; `works`: it must stay up and keep working. */
  expect: 'marked' | 'works';
  inject(scene: FaultScene, index: number): Promise<() => Promise<void>>;
  /** More to do while it is on (a reconnect over the slow link), named in the notes. */
  whileOn?: (scene: FaultScene, index: number) => Promise<void>;
  whileOnNote?: string;
}

const CASES: FaultCase[] = [
  { name: 'sshd killed', on: 'direct', expect: 'marked', inject: (s, i) => s.faults.killSshd(i) },
  {
    name: 'dockerd killed (SIGKILL)',
    on: 'direct',
    expect: 'marked',
    inject: (s, i) => s.faults.killDockerd(i),
  },
  {
    name: 'dockerd hung (SIGSTOP→CONT)',
    on: 'direct',
    expect: 'marked',
    inject: (s, i) => s.faults.freezeDockerd(i),
  },
  {
    name: 'slow link (300 ms each way)',
    on: 'proxied',
    expect: 'works',
    inject: async (s) => {
      await s.proxy.setDelay(300);
      return s.faults.track('the slow link', () => s.proxy.setDelay(0));
    },
    // A fresh connection must come up over it too: the link is cut, fleetdeck reconnects.
    whileOn: async (s, i) => {
      const name = s.hostName(i);
      await s.proxy.cut();
      await s.waitHost(name, (h) => h.state !== 'up', 'the cut seen', WAIT_MS);
      await s.waitHost(name, (h) => h.state === 'up', 'up again over the slow link', WAIT_MS);
    },
    whileOnNote: 'link cut, reconnected over the slow link',
  },
  {
    name: 'link stalls mid-stream',
    on: 'proxied',
    expect: 'marked',
    inject: async (s) => {
      await s.proxy.stall();
      return s.faults.track('the stalled link', () => s.proxy.resume());
    },
  },
  {
    name: 'host key changed mid-session',
    on: 'direct',
    expect: 'marked',
    inject: (s, i) => s.faults.changeHostKey(i),
  },
];

interface Row {
  name: string;
  cells: string[];
  goals: boolean[];
  notes: string[];
}

const secs = (st: Step | undefined): string =>
  st?.ms === undefined
    ? st?.error === 'not run'
      ? '—'
      : `> ${WAIT_MS / 1000} s`
    : `${(st.ms / 1000).toFixed(1)} s`;

function rowOf(c: FaultCase, o: FaultOutcome, baselineKeys: number): Row {
  const marked = c.expect === 'marked';
  const detected = [o.detect.store, o.detect.screen, o.detect.cli];
  const recovered = [o.recover.store, o.recover.screen, o.recover.cli];
  const unaffected = o.disturbed.length === 0 && o.othersListing?.ms !== undefined;
  const notes: string[] = [];
  if (marked) {
    const said = (h: FaultOutcome['markedAs']) =>
      `${h?.state ?? '?'} — ${h?.problem?.message ?? '(no reason)'}`;
    notes.push(`store, first: ${o.markedAs ? said(o.markedAs) : '(never marked)'}`);
    notes.push(`store, before the undo: ${said(o.settledAs)}`);
    notes.push(
      `hosts: ${o.cliSaid ? `${o.cliSaid.state} (exit ${o.cliSaid.code}) — ${o.cliSaid.reason?.message ?? ''}` : '(never marked)'}`,
    );
  }
  if (o.selfListing)
    notes.push(`a container created on ${o.host} listed over the bad link after ${secs(o.selfListing)}`);
  if (o.whileOn?.error) notes.push(`while on: ${o.whileOn.error}`);
  else if (o.whileOn?.ms !== undefined)
    notes.push(`while on: ${c.whileOnNote ?? 'checks'} in ${secs(o.whileOn)}`);
  if (o.disturbed.length > 0) notes.push(`disturbed: ${o.disturbed.join('; ')}`);
  if (o.othersListing?.error) notes.push(`another host's listing: ${o.othersListing.error}`);
  if (o.keys.error) notes.push(`keys: ${o.keys.error.split('\n')[0]}`);
  if (o.lost.length + o.paused.length > 0)
    notes.push(`lost: ${o.lost.join(', ')}; paused: ${o.paused.join(', ')}`);
  return {
    name: `${c.name} (${o.host})`,
    cells: [
      ...(marked ? detected.map(secs) : ['stays up', 'stays up', 'stays up']),
      // Back "up" means little when it never left: shown only where the fault was seen.
      ...recovered.map((st, i) => (marked && detected[i]?.ms === undefined ? 'n/a' : secs(st))),
      unaffected ? 'yes' : 'NO',
      o.keys.ms === undefined ? 'NO' : `${o.keys.ms} ms`,
      String(o.lost.length),
      String(o.paused.length),
    ],
    goals: [
      marked
        ? detected.every((st) => st?.ms !== undefined && st.ms <= DETECT_GOAL_MS)
        : o.disturbed.length === 0 && o.selfListing?.ms !== undefined,
      recovered.every((st) => st?.ms !== undefined && st.ms <= RECOVER_GOAL_MS),
      unaffected,
      o.keys.ms !== undefined && o.keys.ms <= KEYS_GOAL_RATIO * baselineKeys + 100,
      o.lost.length === 0 && o.paused.length === 0,
    ],
    notes,
  };
}

const HEADINGS = [
  'fault',
  'detect: store',
  'screen',
  'hosts',
  'recover: store',
  'screen',
  'hosts',
  'others ok',
  'keys',
  'lost',
  'paused',
];
const GOALS = [
  `detected ≤ ${DETECT_GOAL_MS / 1000} s (or stays up)`,
  `recovered ≤ ${RECOVER_GOAL_MS / 1000} s`,
  'other hosts unaffected',
  `keys ≤ ${KEYS_GOAL_RATIO}× baseline + 100 ms`,
  '0 lost, 0 paused',
];

function printTable(rows: Row[], baselineKeys: number): void {
  const widths = HEADINGS.map((h, i) =>
    Math.max(h.length, ...rows.map((r) => (i === 0 ? r.name : (r.cells[i - 1] ?? '')).length)),
  );
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  const out = process.stdout;
  out.write(
    `\nfaults (keys with no fault: ${baselineKeys} ms; each wait bounded at ${WAIT_MS / 1000} s)\n\n`,
  );
  out.write(`${line(HEADINGS)}\n`);
  for (const r of rows) out.write(`${line([r.name, ...r.cells])}\n`);
  out.write('\ngoals\n');
  for (const r of rows) {
    const verdicts =
      r.goals.length === 0
        ? 'pending'
        : r.goals.map((g, i) => `${GOALS[i]}: ${g ? 'met' : 'MISSED'}`).join(' · ');
    out.write(`${r.name}: ${verdicts}\n`);
  }
  out.write('\nwhat each surface said\n');
  for (const r of rows) for (const n of r.notes) out.write(`${r.name}: ${n}\n`);
}

/** Rows from the action faults' module (t-actions), when it exists in this checkout. */
async function actionRows(scene: FaultScene, baselineKeys: number): Promise<Row[]> {
  const pending = [
    'SIGKILL during a snapshot',
    'SIGKILL at each redeploy step boundary',
    'disk full during a snapshot',
  ];
  const spec = './faults-actions.js';
  try {
    const mod = (await import(spec)) as {
      actionFaultRows?: (scene: FaultScene, baselineKeys: number) => Promise<Row[]>;
    };
    if (mod.actionFaultRows) return await mod.actionFaultRows(scene, baselineKeys);
  } catch {
    // Not there yet.
  }
  return pending.map((name) => ({
    name,
    cells: HEADINGS.slice(1).map(() => 'pending'),
    goals: [],
    notes: [],
  }));
}

export async function faultsBench(): Promise<void> {
  process.env.BENCH_HOSTS ??= '4';
  const { lab, teardown } = await benchLab();
  if (lab.hosts.length < 3)
    throw new Error(`the fault bench needs ≥ 3 lab hosts, ${lab.labDir} has ${lab.hosts.length}`);
  const scene = await FaultScene.start(lab, { proxyProcess: true });
  try {
    const baseline: number[] = [];
    for (let i = 0; i < 5; i++) baseline.push(await scene.answerKeys());
    const baselineKeys = Math.round(median(baseline));
    const rows: Row[] = [];
    for (const c of CASES) {
      process.stderr.write(`[bench] ${c.name}…\n`);
      try {
        const index = c.on === 'proxied' ? scene.proxied : 1;
        const outcome = await runFault(scene, {
          index,
          inject: () => c.inject(scene, index),
          marked: c.expect === 'marked' ? (h) => h.state !== 'up' : undefined,
          whileOn: c.whileOn && (() => c.whileOn!(scene, index)),
          waitMs: WAIT_MS,
        });
        rows.push(rowOf(c, outcome, baselineKeys));
      } catch (err) {
        const cells = HEADINGS.slice(1).map(() => 'error');
        rows.push({ name: c.name, cells, goals: [false], notes: [`the run failed: ${String(err)}`] });
      } finally {
        await scene.faults.undoAll();
      }
    }
    rows.push(...(await actionRows(scene, baselineKeys)));
    printTable(rows, baselineKeys);
  } finally {
    await scene.close();
    await teardown();
  }
}
