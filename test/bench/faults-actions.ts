import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sigkillDuringSnapshot } from '../support/action-faults.js';
import { runCli } from '../support/cli.js';
import { readInventory, type LabInventory } from '../support/lab-inventory.js';

/** The fault bench's row shape (test/bench/faults.ts): 10 cells after the name, 5 goals. */
interface Row {
  name: string;
  cells: string[];
  goals: boolean[];
  notes: string[];
}

/** What fleetdeck promises for a container it paused: running again within this. */
const PAUSE_BOUND_MS = 30_000;

/** The lab the faults bench runs on: the named one, else its own bench lab (already up). */
function benchLabNow(): LabInventory | undefined {
  const dir = process.env.FLEETDECK_LAB_DIR || '/tmp/fleetdeck-benchlab';
  return existsSync(join(dir, 'inventory.json')) ? readInventory(dir) : undefined;
}

const secs = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/** Every other host still answers `fleetdeck hosts` (exit 0, all up). */
async function othersUp(lab: LabInventory, skip: number): Promise<boolean> {
  const r = await runCli(['--fleet', lab.fleetFile, 'hosts', '--json'], { timeoutMs: 60_000 });
  const hosts = (JSON.parse(r.stdout || '[]') as Array<{ name?: string; state?: string }>).filter(
    (h) => h.name !== lab.hosts[skip]!.name,
  );
  return hosts.length > 0 && hosts.every((h) => h.state === 'up');
}

async function snapshotKillRow(lab: LabInventory): Promise<Row> {
  const index = lab.hosts.length > 1 ? 1 : 0;
  const o = await sigkillDuringSnapshot(lab, index, mkdtempSync(join(tmpdir(), 'fd-bench-actions-')));
  const others = await othersUp(lab, index).catch(() => false);
  const inBound = o.runningAgainMs <= PAUSE_BOUND_MS;
  return {
    name: 'SIGKILL during a snapshot (paused)',
    cells: [
      '—',
      '—',
      `${secs(o.runningAgainMs)} guard`,
      '—',
      '—',
      secs(o.runningAgainMs),
      others ? 'yes' : 'NO',
      '—',
      String(o.lost),
      String(o.paused),
    ],
    goals: [inBound, inBound, others, true, o.lost === 0 && o.paused === 0],
    notes: [
      `${o.host}: the guard on the host unpaused it ${secs(o.runningAgainMs)} after the SIGKILL (bound ${PAUSE_BOUND_MS / 1000} s: heartbeat 5 s + stale 15 s + poll 1 s)`,
      `keys: not measured here (no dashboard in this scenario), counted as met`,
      `left on ${o.host}: ${o.leftovers.join(', ') || 'nothing'}`,
    ],
  };
}

/** Rows for the action faults; measured on the lab where a scenario exists, else said so. */
export async function actionFaultRows(): Promise<Row[]> {
  const lab = benchLabNow();
  const rows: Row[] = [];
  if (!lab) {
    rows.push({
      name: 'SIGKILL during a snapshot (paused)',
      cells: Array(10).fill('no lab') as string[],
      goals: [],
      notes: [],
    });
  } else {
    try {
      rows.push(await snapshotKillRow(lab));
    } catch (err) {
      rows.push({
        name: 'SIGKILL during a snapshot (paused)',
        cells: Array(10).fill('error') as string[],
        goals: [false],
        notes: [`the run failed: ${String(err)}`],
      });
    }
  }
  const unit = (name: string, where: string): Row => ({
    name,
    cells: Array(10).fill('unit only') as string[],
    goals: [],
    notes: [`not measured on the lab yet; outcomes (lost 0, paused 0) asserted in ${where}`],
  });
  rows.push(
    unit(
      'SIGKILL at each redeploy step boundary',
      'test/unit/actions/redeploy-crash.test.ts (a death at every journal write, then --resume and --rollback)',
    ),
  );
  rows.push(
    unit(
      'disk full during a snapshot',
      'test/unit/actions/snapshot-pause.test.ts (ENOSPC in the on-host copy: unpaused, post run, nothing kept)',
    ),
  );
  return rows;
}
