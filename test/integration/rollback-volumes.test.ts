import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { snapshotTag } from '../../src/actions/planners/snapshot-plan.js';
import { runCli } from '../support/cli.js';
import { describeLab, dockerCli } from '../support/lab.js';
import { waitUntil } from '../support/wait.js';

const NAME = 'fd-rbvol';
const VOLUME = `${NAME}-data`;

describeLab('rollback restores into new volumes (lab)', (lab) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'fleetdeck-rollback-vol-'));
  const host = lab.hosts[0]!.name;
  const cli = (args: string[]) =>
    runCli(['--fleet', lab.fleetFile, ...args], { env: { FLEETDECK_DATA_DIR: dataDir }, timeoutMs: 180_000 });
  const sh = (cmd: string) => dockerCli(0, ['exec', NAME, 'sh', '-c', cmd]);
  const lines = async (args: string[]): Promise<string[]> =>
    (await dockerCli(0, args)).stdout
      .trim()
      .split('\n')
      .filter((l) => l !== '');
  const restoredVolumes = () => lines(['volume', 'ls', '-q', '--filter', `name=${VOLUME}-restored-`]);
  const leftovers = () => lines(['ps', '-a', '--format', '{{.Names}}', '--filter', `name=${NAME}_fleetdeck`]);
  /** The file as a throwaway container sees it in a volume (not through the container). */
  const fileIn = async (volume: string): Promise<string> =>
    (
      await dockerCli(0, [
        'run',
        '--rm',
        '--network',
        'none',
        '-v',
        `${volume}:/d`,
        'tiny:latest',
        'cat',
        '/d/file',
      ])
    ).stdout.trim();
  const snapshot = async (): Promise<string> => {
    const r = await cli(['snapshot', 'create', `${host}/${NAME}`, '--yes', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const image = (JSON.parse(r.stdout) as { outcome: { details: { image: string } } }).outcome.details.image;
    // Tags are per second: the next snapshot (or rollback volume) must not reuse this one's.
    const tag = snapshotTag(Date.now());
    await waitUntil(() => snapshotTag(Date.now()) !== tag, 'the next second', 5_000, 50);
    return image;
  };

  afterAll(async () => {
    await dockerCli(0, ['rm', '-f', NAME, `${NAME}_fleetdeck-prev`, `${NAME}_fleetdeck-restoring`]);
    const snaps = await lines(['images', '-q', '--filter', `label=org.fleetdeck.snapshot.container=${NAME}`]);
    if (snaps.length) await dockerCli(0, ['rmi', '-f', ...new Set(snaps)]);
    const vols = await lines(['volume', 'ls', '-q', '--filter', `name=${VOLUME}`]);
    if (vols.length) await dockerCli(0, ['volume', 'rm', '-f', ...vols]);
  });

  it('a failed rollback leaves the original running on its own data; a good one runs on a new volume, the old one kept', async () => {
    await dockerCli(0, ['rm', '-f', NAME]);
    // Refuses to start while /data/crash exists: a snapshot holding it makes a restore that fails.
    const started = await dockerCli(0, [
      'run',
      '-d',
      '--name',
      NAME,
      '--network',
      'none',
      '-v',
      `${VOLUME}:/data`,
      'tiny:latest',
      'sh',
      '-c',
      'test -f /data/crash && exit 3; trap "exit 0" TERM; while :; do sleep 1 & wait $!; done',
    ]);
    expect(started.code, started.stderr).toBe(0);
    const originalId = (await dockerCli(0, ['inspect', '-f', '{{.Id}}', NAME])).stdout.trim();
    await sh('echo before > /data/file');
    const good = await snapshot();
    await sh('echo after > /data/file && touch /data/crash');
    const bad = await snapshot();
    await sh('rm /data/crash'); // only the snapshot has it now

    const failed = await cli(['rollback', `${host}/${NAME}`, '--to', bad, '--yes']);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain(`${host}/${NAME} exited with 3`);
    expect(failed.stderr).toContain('put back on its own volumes, untouched');
    expect((await dockerCli(0, ['inspect', '-f', '{{.Id}} {{.State.Status}}', NAME])).stdout.trim()).toBe(
      `${originalId} running`,
    );
    expect((await sh('cat /data/file')).stdout.trim()).toBe('after');
    expect(await restoredVolumes()).toEqual([]);
    expect(await leftovers()).toEqual([]);

    const back = await cli(['rollback', `${host}/${NAME}`, '--to', good, '--yes', '--json']);
    expect(back.code, back.stderr).toBe(0);
    const details = (
      JSON.parse(back.stdout) as { outcome: { details: { volumes: string[]; keptVolumes: string[] } } }
    ).outcome.details;
    const [restored] = await restoredVolumes();
    expect(details.volumes).toEqual([restored]);
    expect(details.keptVolumes).toEqual([VOLUME]);
    expect((await sh('cat /data/file')).stdout.trim()).toBe('before');
    const mounted = await dockerCli(0, ['inspect', '-f', '{{range .Mounts}}{{.Name}}{{end}}', NAME]);
    expect(mounted.stdout.trim()).toBe(restored);
    // The data from before the rollback is still there, in the volume nobody mounts now.
    expect(await fileIn(VOLUME)).toBe('after');
    expect(await leftovers()).toEqual([]);
    expect((await dockerCli(0, ['inspect', '-f', '{{.Id}}', NAME])).stdout.trim()).not.toBe(originalId);
  }, 400_000);
});
