import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sigkillDuringSnapshot } from '../support/action-faults.js';
import { diskFullDuringSnapshot } from '../support/disk-full.js';
import type { FaultScene } from '../support/fault-scene.js';
import { readInventory, type LabInventory } from '../support/lab-inventory.js';
import { removeKillRole, sigkillAtEveryRedeployStep } from '../support/redeploy-kill.js';

/** The fault bench's row shape (test/bench/faults.ts): 10 cells after the name, 5 goals. */
interface Row {
  name: string;
  cells: string[];
  goals: boolean[];
  notes: string[];
}

/** What fleetdeck promises for a container it paused: running again within this. */
const PAUSE_BOUND_MS = 30_000;
/** A recover command (or a failed snapshot's error) within this. */
const RECOVER_GOAL_MS = 60_000;
const KEYS_GOAL_RATIO = 3;

/** The lab the faults bench runs on: the named one, else its own bench lab (already up). */
function benchLabNow(): LabInventory | undefined {
  const dir = process.env.FLEETDECK_LAB_DIR || '/tmp/fleetdeck-benchlab';
  return existsSync(join(dir, 'inventory.json')) ? readInventory(dir) : undefined;
}

const secs = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

interface Around<T> {
  value: T;
  /** The slowest key round trip on the dashboard while it ran, or undefined if one timed out. */
  keysMs?: number;
  keysError?: string;
  /** States other than `up` the other hosts showed meanwhile. */
  disturbed: string[];
}

/**
 * Runs a scenario while the bench's dashboard is pressed (3, then 1, again and again) and the
 * other hosts are watched: keys answered and others unaffected are measured, not assumed.
 */
async function around<T>(
  scene: FaultScene | undefined,
  skip: number,
  fn: () => Promise<T>,
): Promise<Around<T>> {
  if (!scene) return { value: await fn(), disturbed: [] };
  const others = scene.lab.hosts.map((h) => h.name).filter((_, i) => i !== skip);
  const watch = scene.watchStates(others);
  let done = false;
  let keysMs = 0;
  let keysError: string | undefined;
  const keys = (async () => {
    while (!done && keysError === undefined) {
      try {
        keysMs = Math.max(keysMs, await scene.answerKeys());
      } catch (err) {
        keysError = String(err).split('\n')[0];
      }
    }
  })();
  try {
    const value = await fn();
    return { value, ...(keysError ? { keysError } : { keysMs }), disturbed: watch.stop() };
  } finally {
    done = true;
    await keys;
  }
}

const keysCell = (a: Around<unknown>): string =>
  a.keysError ? 'NO' : a.keysMs === undefined ? 'no UI' : `${a.keysMs} ms`;
const keysMet = (a: Around<unknown>, baseline: number | undefined): boolean =>
  a.keysError === undefined &&
  (a.keysMs === undefined || baseline === undefined || a.keysMs <= KEYS_GOAL_RATIO * baseline + 100);

async function snapshotKillRow(
  lab: LabInventory,
  scene: FaultScene | undefined,
  baseline?: number,
): Promise<Row> {
  const index = lab.hosts.length > 1 ? 1 : 0;
  const a = await around(scene, index, () =>
    sigkillDuringSnapshot(lab, index, mkdtempSync(join(tmpdir(), 'fd-bench-actions-'))),
  );
  const o = a.value;
  const inBound = o.runningAgainMs <= PAUSE_BOUND_MS;
  const others = a.disturbed.length === 0;
  return {
    name: `SIGKILL during a snapshot, paused (${o.host})`,
    cells: [
      '—',
      '—',
      `${secs(o.runningAgainMs)} guard`,
      '—',
      '—',
      secs(o.runningAgainMs),
      others ? 'yes' : 'NO',
      keysCell(a),
      String(o.lost),
      String(o.paused),
    ],
    goals: [inBound, inBound, others, keysMet(a, baseline), o.lost === 0 && o.paused === 0],
    notes: [
      `${o.host}: the guard on the host unpaused it ${secs(o.runningAgainMs)} after the SIGKILL (bound ${PAUSE_BOUND_MS / 1000} s: heartbeat 5 s + stale 15 s + poll 1 s)`,
      `left on ${o.host}: ${o.leftovers.join(', ') || 'nothing'}; named by \`snapshot list\`: ${o.reported.length}/${o.leftovers.length}`,
      ...(a.disturbed.length ? [`disturbed: ${a.disturbed.join('; ')}`] : []),
      ...(a.keysError ? [`keys: ${a.keysError}`] : []),
    ],
  };
}

async function redeployKillRow(
  lab: LabInventory,
  scene: FaultScene | undefined,
  baseline?: number,
): Promise<Row> {
  const index = lab.hosts.length > 1 ? 1 : 0;
  const a = await around(scene, index, async () => {
    try {
      return await sigkillAtEveryRedeployStep(lab, index, mkdtempSync(join(tmpdir(), 'fd-bench-redeploy-')));
    } finally {
      await removeKillRole(lab, index);
    }
  });
  const kills = a.value;
  const lost = kills.reduce((n, k) => n + k.lost, 0);
  const paused = kills.reduce((n, k) => n + k.paused, 0);
  const slowest = Math.max(0, ...kills.map((k) => k.recoverMs));
  const shown = kills.every((k) => k.statusShown);
  const recovered = kills.every(
    (k) => k.recoverCode === 0 && k.leftovers.length === 0 && k.images.length === 1,
  );
  const others = a.disturbed.length === 0;
  return {
    name: `SIGKILL at each of ${kills.length} redeploy step boundaries (${lab.hosts[index]!.name})`,
    cells: [
      '—',
      '—',
      shown ? '--status' : 'NO',
      '—',
      '—',
      `≤ ${secs(slowest)}`,
      others ? 'yes' : 'NO',
      keysCell(a),
      String(lost),
      String(paused),
    ],
    goals: [
      shown,
      recovered && slowest <= RECOVER_GOAL_MS,
      others,
      keysMet(a, baseline),
      lost === 0 && paused === 0,
    ],
    notes: [
      `killed after journal writes 1…${kills.length}; odd ones --resume, even ones --rollback; each recovery ${secs(Math.min(...kills.map((k) => k.recoverMs)))}–${secs(slowest)}`,
      ...kills
        .filter((k) => k.recoverCode !== 0 || k.leftovers.length || k.images.length !== 1)
        .map(
          (k) =>
            `write ${k.step} (${k.phases.join(', ')}): --${k.mode} exit ${k.recoverCode}, left ${k.leftovers.join(', ') || 'nothing'}, images ${k.images.join(', ')}`,
        ),
      ...(a.disturbed.length ? [`disturbed: ${a.disturbed.join('; ')}`] : []),
      ...(a.keysError ? [`keys: ${a.keysError}`] : []),
    ],
  };
}

async function diskFullRow(
  lab: LabInventory,
  scene: FaultScene | undefined,
  baseline?: number,
): Promise<Row> {
  // Its host is a dockerd of its own (a 256 MB loop root): every lab host is an "other" one.
  const a = await around(scene, -1, () => diskFullDuringSnapshot(lab));
  const o = a.value;
  const others = a.disturbed.length === 0;
  return {
    name: 'disk full during a snapshot (256 MB loop root)',
    cells: [
      secs(o.ms),
      '—',
      o.clear ? 'error' : 'NO',
      '—',
      '—',
      o.running ? 'kept up' : 'NO',
      others ? 'yes' : 'NO',
      keysCell(a),
      String(o.lost),
      String(o.paused),
    ],
    goals: [
      o.clear && o.code === 1,
      o.running && o.leftovers.length === 0 && o.ms <= RECOVER_GOAL_MS,
      others,
      keysMet(a, baseline),
      o.lost === 0 && o.paused === 0,
    ],
    notes: [
      `said: ${o.message.split('\n')[0] ?? ''}`,
      `left: ${o.leftovers.join(', ') || 'nothing'} (helper and base image removed by the failed run)`,
      ...(a.disturbed.length ? [`disturbed: ${a.disturbed.join('; ')}`] : []),
      ...(a.keysError ? [`keys: ${a.keysError}`] : []),
    ],
  };
}

/**
 * Rows for the action faults, each measured on the lab: with the bench's scene, keys and the
 * other hosts are measured while the fault runs; without one, keys read "no UI".
 */
export async function actionFaultRows(scene?: FaultScene, baselineKeys?: number): Promise<Row[]> {
  const lab = scene?.lab ?? benchLabNow();
  const rows: Row[] = [];
  const scenarios: Array<[string, (l: LabInventory) => Promise<Row>]> = [
    ['SIGKILL during a snapshot (paused)', (l) => snapshotKillRow(l, scene, baselineKeys)],
    ['SIGKILL at each redeploy step boundary', (l) => redeployKillRow(l, scene, baselineKeys)],
    ['disk full during a snapshot', (l) => diskFullRow(l, scene, baselineKeys)],
  ];
  for (const [name, rowOf] of scenarios) {
    if (!lab) {
      rows.push({ name, cells: Array(10).fill('no lab') as string[], goals: [], notes: [] });
      continue;
    }
    process.stderr.write(`[bench] ${name}…\n`);
    try {
      rows.push(await rowOf(lab));
    } catch (err) {
      rows.push({
        name,
        cells: Array(10).fill('error') as string[],
        goals: [false],
        notes: [`the run failed: ${String(err)}`],
      });
    }
  }
  return rows;
}
