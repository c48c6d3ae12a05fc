import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from './cli.js';
import type { LabInventory } from './lab-inventory.js';
import { run } from './lab-script.js';

/** One SIGKILL of `redeploy` right after its Nth journal write, and what recovering from it did. */
export interface StepKill {
  /** N: the journal write after which fleetdeck died. */
  step: number;
  /** What the journal said of each replica when it died (`fk-1 creating`…). */
  phases: string[];
  /** `--status` named the interrupted rollout. */
  statusShown: boolean;
  mode: 'resume' | 'rollback';
  /** ms from the recover command's start to its exit. */
  recoverMs: number;
  recoverCode: number | null;
  /** Replicas missing or not running afterwards (must be 0), paused containers on the host (0). */
  lost: number;
  paused: number;
  /** Anything fleetdeck left: `_fleetdeck-*` containers, the lock, the journal. */
  leftovers: string[];
  /** The replicas' images afterwards, all the same: the new one after resume, the old after rollback. */
  images: string[];
}

export const KILL_ROLE = 'fk';
const REPLICAS = ['fk-1', 'fk-2'];
const IMAGES = ['tiny:latest', 'tiny:v2'];

function docker(lab: LabInventory, index: number, args: readonly string[]) {
  return run('docker', ['-H', `unix://${lab.hosts[index]!.dockerSocket}`, ...args], { timeoutMs: 120_000 });
}

async function lines(lab: LabInventory, index: number, args: readonly string[]): Promise<string[]> {
  return (await docker(lab, index, args)).stdout
    .trim()
    .split('\n')
    .filter((l) => l !== '');
}

/** The role's replicas and fleetdeck's own containers for it, as `name image state`. */
async function roleState(lab: LabInventory, index: number): Promise<string[]> {
  return (await lines(lab, index, ['ps', '-a', '--format', '{{.Names}} {{.Image}} {{.State}}']))
    .filter((l) => l.startsWith(`${KILL_ROLE}-`) || l.includes(`-lock-${KILL_ROLE} `))
    .sort();
}

export async function removeKillRole(lab: LabInventory, index: number): Promise<void> {
  const names = (await roleState(lab, index)).map((l) => l.split(' ')[0]!);
  if (names.length) await docker(lab, index, ['rm', '-f', ...names]);
}

/** Two replicas of role fk on one host, on `image`, restarted unless stopped like the lab's own. */
export async function startKillRole(lab: LabInventory, index: number, image = IMAGES[0]!): Promise<void> {
  await removeKillRole(lab, index);
  for (const name of REPLICAS) {
    const r = await docker(lab, index, [
      'run',
      '-d',
      '--name',
      name,
      '--restart',
      'unless-stopped',
      '--network',
      'none',
      '--label',
      `role=${KILL_ROLE}`,
      image,
      'sh',
      '-c',
      'trap "exit 0" TERM; while :; do sleep 1 & wait $!; done',
    ]);
    if (r.code !== 0) throw new Error(`${lab.hosts[index]!.name}: cannot start ${name}: ${r.stderr}`);
  }
}

/**
 * SIGKILLs `redeploy role:fk` after journal write 1, then 2, … (the fault hook in the app), each
 * time asking `--status` and recovering with `--resume` (odd N) or `--rollback` (even N), until a
 * run finishes before its Nth write. Waits only on processes ending, never on time.
 */
export async function sigkillAtEveryRedeployStep(
  lab: LabInventory,
  index: number,
  dataDir: string,
  maxSteps = 40,
): Promise<StepKill[]> {
  const env = { FLEETDECK_DATA_DIR: dataDir };
  const cli = (args: string[], extra: NodeJS.ProcessEnv = {}) =>
    runCli(['--fleet', lab.fleetFile, ...args], { env: { ...env, ...extra }, timeoutMs: 180_000 });
  const journal = join(dataDir, 'rollouts', `${KILL_ROLE}.json`);
  const out: StepKill[] = [];
  await startKillRole(lab, index);
  for (let step = 1; step <= maxSteps; step++) {
    const current = (await roleState(lab, index))[0]?.split(' ')[1] ?? IMAGES[0]!;
    const next = IMAGES.find((i) => i !== current)!;
    const killed = await cli(['redeploy', `role:${KILL_ROLE}`, '--image', next, '--wait', '1', '--yes'], {
      FLEETDECK_TEST_SIGKILL_AFTER_JOURNAL_WRITE: String(step),
    });
    if (killed.code !== null) {
      if (killed.code !== 0) throw new Error(`redeploy (not killed) exited ${killed.code}: ${killed.stderr}`);
      break; // fewer journal writes than `step`: every boundary has been hit
    }
    const j = existsSync(journal)
      ? (JSON.parse(readFileSync(journal, 'utf8')) as { replicas: Array<{ name: string; phase: string }> })
      : { replicas: [] };
    const status = await cli(['redeploy', `role:${KILL_ROLE}`, '--status']);
    const mode = step % 2 === 1 ? 'resume' : 'rollback';
    const t0 = Date.now();
    const recovered = await cli(['redeploy', `role:${KILL_ROLE}`, `--${mode}`, '--yes']);
    const recoverMs = Date.now() - t0;
    const state = await roleState(lab, index);
    const replicas = state.filter((l) => REPLICAS.includes(l.split(' ')[0]!));
    const paused = await lines(lab, index, ['ps', '-q', '--filter', 'status=paused']);
    out.push({
      step,
      phases: j.replicas.map((r) => `${r.name} ${r.phase}`),
      statusShown: /interrupted/.test(status.stdout),
      mode,
      recoverMs,
      recoverCode: recovered.code,
      lost: REPLICAS.length - replicas.filter((l) => l.endsWith(' running')).length,
      paused: paused.length,
      leftovers: [
        ...state.filter((l) => !REPLICAS.includes(l.split(' ')[0]!)),
        ...(existsSync(journal) ? [journal] : []),
      ],
      images: [...new Set(replicas.map((l) => l.split(' ')[1]!))],
    });
    if (recovered.code !== 0) break; // the test reports it; the next steps would build on a broken state
  }
  return out;
}
