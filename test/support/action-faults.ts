import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import type { LabInventory } from './lab-inventory.js';
import { runCli } from './cli.js';
import { REPO_ROOT, run } from './lab-script.js';
import { waitUntil } from './wait.js';

/** What a fleetdeck SIGKILLed while a container was paused for a snapshot left on that host. */
export interface SnapshotKillOutcome {
  host: string;
  /** ms from the SIGKILL to the container running again (the guard on the host unpaused it). */
  runningAgainMs: number;
  /** The snapshotted container gone (must be 0). */
  lost: number;
  /** Containers left paused on the host (must be 0). */
  paused: number;
  /** fleetdeck's own leftovers on the host after the kill (helper containers, base images). */
  leftovers: string[];
  /** Those `fleetdeck snapshot list` reported (on stderr, with how to remove each). */
  reported: string[];
}

const CONTAINER = 'fd-snapkill';

function docker(lab: LabInventory, index: number, args: readonly string[]) {
  return run('docker', ['-H', `unix://${lab.hosts[index]!.dockerSocket}`, ...args], { timeoutMs: 120_000 });
}

async function state(lab: LabInventory, index: number): Promise<string> {
  const r = await docker(lab, index, ['inspect', '-f', '{{.State.Status}}', CONTAINER]);
  return r.code === 0 ? r.stdout.trim() : 'gone';
}

async function cleanup(lab: LabInventory, index: number): Promise<void> {
  const helpers = (
    await docker(lab, index, ['ps', '-aq', '--filter', 'name=fleetdeck-snapshot-'])
  ).stdout.trim();
  if (helpers) await docker(lab, index, ['rm', '-f', ...helpers.split('\n')]);
  await docker(lab, index, ['rm', '-f', CONTAINER]);
  const images = (
    await docker(lab, index, [
      'images',
      '-q',
      '--filter',
      `label=org.fleetdeck.snapshot.container=${CONTAINER}`,
    ])
  ).stdout.trim();
  if (images) await docker(lab, index, ['rmi', '-f', ...new Set(images.split('\n'))]);
  await docker(lab, index, ['volume', 'rm', '-f', `${CONTAINER}-data`]);
}

/**
 * Snapshots a container with a volume big enough that the on-host copy takes a moment, SIGKILLs
 * fleetdeck as soon as the daemon reports the pause, then waits (a condition, bounded) for the
 * container to run again without any help from us.
 */
export async function sigkillDuringSnapshot(
  lab: LabInventory,
  index: number,
  dataDir: string,
  waitMs = 90_000,
): Promise<SnapshotKillOutcome> {
  const host = lab.hosts[index]!.name;
  await cleanup(lab, index);
  const created = await docker(lab, index, [
    'run',
    '-d',
    '--name',
    CONTAINER,
    '--network',
    'none',
    '-v',
    `${CONTAINER}-data:/data`,
    'tiny:latest',
    'sh',
    '-c',
    'dd if=/dev/zero of=/data/big bs=1M count=400 2>/dev/null; trap "exit 0" TERM; while :; do sleep 1 & wait $!; done',
  ]);
  if (created.code !== 0) throw new Error(`${host}: cannot start ${CONTAINER}: ${created.stderr}`);
  await waitUntil(
    async () =>
      (await docker(lab, index, ['exec', CONTAINER, 'sh', '-c', 'test $(wc -c < /data/big) -ge 419430400']))
        .code === 0,
    `${CONTAINER}'s volume filled`,
    120_000,
  );
  let pausedSeen = false;
  const child = spawn(
    process.execPath,
    [
      resolve(REPO_ROOT, 'bin/fleetdeck.js'),
      '--fleet',
      lab.fleetFile,
      'snapshot',
      'create',
      `${host}/${CONTAINER}`,
      '--yes',
    ],
    { env: { ...process.env, FLEETDECK_DATA_DIR: dataDir }, stdio: 'ignore' },
  );
  const exited = new Promise((r) => child.once('exit', r));
  let finishedFirst = false;
  void exited.then(() => (finishedFirst = !pausedSeen));
  try {
    await waitUntil(
      async () => {
        if (!pausedSeen) pausedSeen = (await state(lab, index)) === 'paused';
        return pausedSeen || finishedFirst;
      },
      `${host}/${CONTAINER} to be paused by the snapshot`,
      120_000,
      5,
    );
    if (!pausedSeen) throw new Error(`${host}: the snapshot finished before its pause was seen`);
    child.kill('SIGKILL');
    const killedAt = Date.now();
    await exited;
    await waitUntil(
      async () => (await state(lab, index)) === 'running',
      `${host}/${CONTAINER} running again`,
      waitMs,
      100,
    );
    const runningAgainMs = Date.now() - killedAt;
    const paused = (await docker(lab, index, ['ps', '-q', '--filter', 'status=paused'])).stdout.trim();
    const leftovers = [
      ...(
        await docker(lab, index, [
          'ps',
          '-a',
          '--format',
          '{{.Names}}',
          '--filter',
          'name=fleetdeck-snapshot-',
        ])
      ).stdout
        .trim()
        .split('\n'),
      ...(
        await docker(lab, index, [
          'images',
          '--format',
          '{{.Repository}}:{{.Tag}}',
          '--filter',
          `label=org.fleetdeck.snapshot.container=${CONTAINER}`,
        ])
      ).stdout
        .trim()
        .split('\n'),
    ].filter(Boolean);
    const list = await runCli(['--fleet', lab.fleetFile, 'snapshot', 'list'], {
      env: { FLEETDECK_DATA_DIR: dataDir },
      timeoutMs: 120_000,
    });
    return {
      reported: leftovers.filter((l) => list.stderr.includes(l.replace(/:<none>$/, ''))),
      host,
      runningAgainMs,
      lost: (await state(lab, index)) === 'gone' ? 1 : 0,
      paused: paused ? paused.split('\n').length : 0,
      leftovers,
    };
  } finally {
    child.kill('SIGKILL');
    await cleanup(lab, index);
  }
}
