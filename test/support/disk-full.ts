import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './cli.js';
import type { LabInventory } from './lab-inventory.js';
import { startTinyDockerd } from './tiny-dockerd.js';
import { waitUntil } from './wait.js';

/** What a snapshot on a host whose Docker root fills up during the on-host copy left. */
export interface DiskFullOutcome {
  host: string;
  code: number | null;
  /** fleetdeck's error (its first lines, after the plan). */
  message: string;
  /** ms from the command's start to its exit (detect = the failure reported). */
  ms: number;
  /** The error names the host and says its Docker root is full. */
  clear: boolean;
  running: boolean;
  lost: number;
  paused: number;
  /** Helper containers and snapshot images left behind (must be none). */
  leftovers: string[];
}

const NAME = 'fd-full';

/**
 * A dockerd of our own on a 256 MB ext4 loop image: a container with 60 MB in a volume, the disk
 * filled to 20 MB free, then `fleetdeck snapshot create` with that daemon as its only host
 * (DOCKER_HOST, no fleet file): the copy on the host cannot fit.
 */
export async function diskFullDuringSnapshot(lab: LabInventory): Promise<DiskFullOutcome> {
  const tiny = await startTinyDockerd(
    mkdtempSync(join(tmpdir(), 'fd-tiny-')),
    join(lab.labDir, 'images', 'tiny-images.tar'),
  );
  const lines = async (args: string[]) =>
    (await tiny.docker(args)).stdout
      .trim()
      .split('\n')
      .filter((l) => l !== '');
  try {
    const started = await tiny.docker([
      'run',
      '-d',
      '--name',
      NAME,
      '--network',
      'none',
      '-v',
      `${NAME}-data:/data`,
      'tiny:latest',
      'sh',
      '-c',
      'dd if=/dev/zero of=/data/big bs=1M count=60 2>/dev/null; trap "exit 0" TERM; while :; do sleep 1 & wait $!; done',
    ]);
    if (started.code !== 0) throw new Error(`the tiny dockerd cannot start ${NAME}: ${started.stderr}`);
    await waitUntil(
      async () =>
        (await tiny.docker(['exec', NAME, 'sh', '-c', 'test $(wc -c < /data/big) -ge 62914560'])).code === 0,
      `${NAME}'s volume filled`,
      60_000,
    );
    await tiny.fill(20);
    const home = mkdtempSync(join(tmpdir(), 'fd-full-home-'));
    const env = {
      DOCKER_HOST: tiny.dockerHost,
      HOME: home,
      XDG_CONFIG_HOME: join(home, '.config'),
      FLEETDECK_DATA_DIR: join(home, 'data'),
    };
    const hosts = await runCli(['hosts', '--json'], { env, timeoutMs: 60_000 });
    const host = (JSON.parse(hosts.stdout || '[]') as Array<{ name?: string }>)[0]?.name ?? '?';
    const t0 = Date.now();
    const r = await runCli(['snapshot', 'create', NAME, '--yes'], { env, timeoutMs: 180_000 });
    const ms = Date.now() - t0;
    const state = (await tiny.docker(['inspect', '-f', '{{.State.Status}}', NAME])).stdout.trim() || 'gone';
    // The plan comes first on stderr; the error is what follows it.
    const all = r.stderr.trim().split('\n');
    const at = all.findIndex((l) => l.includes(`${host}/${NAME}: copying`));
    const message = (at >= 0 ? all.slice(at, at + 3) : all.slice(-3)).join('\n');
    return {
      host,
      code: r.code,
      message,
      ms,
      clear: message.includes(host) && /Docker root of \S+ is full/.test(message),
      running: state === 'running',
      lost: state === 'gone' ? 1 : 0,
      paused: (await lines(['ps', '-q', '--filter', 'status=paused'])).length,
      leftovers: [
        ...(await lines(['ps', '-a', '--format', '{{.Names}}', '--filter', 'label=org.fleetdeck.snapshot'])),
        ...(await lines([
          'images',
          '--format',
          '{{.Repository}}:{{.Tag}}',
          '--filter',
          'label=org.fleetdeck.snapshot',
        ])),
      ],
    };
  } finally {
    await tiny.close();
  }
}
