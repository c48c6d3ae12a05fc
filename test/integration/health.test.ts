import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DockerHostApi, EventSubscription, HostCommandResult } from '../../src/docker/host-api.js';
import type { FleetEvent } from '../../src/domain/event.js';
import { parseBtrfsUsage } from '../../src/domain/health/btrfs.js';
import { parseDf } from '../../src/domain/health/df.js';
import { StopSignalTracker } from '../../src/domain/health/stop-signal-tracker.js';
import type { DockerInfo, SystemDf } from '../../src/domain/info.js';
import { decodeExit } from '../../src/domain/signals.js';
import { collectStorageHealth } from '../../src/fleet/health/storage.js';
import { collectHostVitals } from '../../src/fleet/health/vitals.js';
import { describeLab, dockerCli, labHost, sshArgs, type LabInventory } from '../support/lab.js';
import { run } from '../support/lab-script.js';

/*
 * Health collectors against the lab: Docker API calls go to each host's socket, host commands
 * over the host's sshd with `ssh` — the same two paths the SSH gateway uses, without depending on it.
 */

function getJson(socketPath: string, path: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    http
      .get({ socketPath, path }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () =>
          (res.statusCode ?? 500) < 300
            ? resolve(JSON.parse(body))
            : reject(new Error(`${path}: ${res.statusCode} ${body}`)),
        );
      })
      .on('error', reject);
  });
}

interface RawEvent {
  Type: string;
  Action: string;
  Actor: { ID: string; Attributes?: Record<string, string> };
  time: number;
  timeNano?: number;
}

/** A DockerHostApi for one lab host with only what health needs; the rest refuses. */
class LabHostApi implements DockerHostApi {
  constructor(
    readonly name: string,
    private readonly socket: string,
    private readonly ssh: string[],
    private readonly overrideInfo: Partial<DockerInfo> = {},
  ) {}

  async info(): Promise<DockerInfo> {
    const raw = (await getJson(this.socket, '/info')) as Record<string, unknown>;
    return {
      serverVersion: String(raw['ServerVersion']),
      driver: String(raw['Driver']),
      driverStatus: (raw['DriverStatus'] as Array<[string, string]> | null) ?? [],
      dockerRootDir: String(raw['DockerRootDir']),
      containers: Number(raw['Containers']),
      containersRunning: Number(raw['ContainersRunning']),
      images: Number(raw['Images']),
      ...this.overrideInfo,
    };
  }

  async systemDf(): Promise<SystemDf> {
    const raw = (await getJson(this.socket, '/system/df')) as { LayersSize?: number; Images?: unknown[] };
    const none = { count: 0, active: 0, sizeBytes: 0, reclaimableBytes: 0 };
    return {
      images: {
        count: raw.Images?.length ?? 0,
        active: 0,
        sizeBytes: raw.LayersSize ?? 0,
        reclaimableBytes: 0,
      },
      containers: none,
      volumes: none,
      buildCache: none,
    };
  }

  runHostCommand(command: string, opts?: { timeoutMs?: number }): Promise<HostCommandResult> {
    return run('ssh', [...this.ssh, command], { timeoutMs: opts?.timeoutMs ?? 30_000 });
  }

  async events(
    opts: { since?: number },
    onEvent: (e: FleetEvent) => void,
    onEnd: (err?: never) => void,
  ): Promise<EventSubscription> {
    const since = opts.since === undefined ? '' : `since=${opts.since}&`;
    const filters = encodeURIComponent(JSON.stringify({ type: ['container'] }));
    return new Promise((resolve, reject) => {
      const req = http.get({ socketPath: this.socket, path: `/events?${since}filters=${filters}` }, (res) => {
        let buffered = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buffered += chunk;
          const lines = buffered.split('\n');
          buffered = lines.pop() ?? '';
          for (const line of lines.filter((l) => l.trim() !== '')) {
            const e = JSON.parse(line) as RawEvent;
            onEvent({
              host: this.name,
              time: e.timeNano !== undefined ? Math.floor(e.timeNano / 1e6) : e.time * 1000,
              type: e.Type,
              action: e.Action,
              actorId: e.Actor.ID,
              attributes: e.Actor.Attributes ?? {},
            });
          }
        });
        res.on('close', () => onEnd());
        resolve({ close: () => req.destroy() });
      });
      req.on('error', reject);
    });
  }

  private refuse(): Promise<never> {
    return Promise.reject(new Error(`${this.name}: not part of the health test host`));
  }
  ping = () => this.refuse();
  version = () => this.refuse();
  listContainers = () => this.refuse();
  inspectContainer = () => this.refuse();
  statsOnce = () => this.refuse();
  logs = () => this.refuse();
  request = () => this.refuse();
  async close(): Promise<void> {}
}

function labApi(lab: LabInventory, index: number, overrideInfo: Partial<DockerInfo> = {}): LabHostApi {
  const host = labHost(index, lab);
  return new LabHostApi(host.name, host.dockerSocket, sshArgs(index, lab), overrideInfo);
}

async function local(file: string, args: string[]): Promise<string> {
  const r = await run(file, args, { timeoutMs: 60_000 });
  if (r.code !== 0) throw new Error(`${file} ${args.join(' ')} failed (${r.code}): ${r.stderr}`);
  return r.stdout;
}

/** Polls `check` until it returns a value; fails naming `what` after `timeoutMs`. */
async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function hostIndexWithDriver(lab: LabInventory, driver: string): number {
  return lab.hosts.findIndex((h) => h.storageDriver === driver);
}

describeLab('storage and signal health on the lab', (lab) => {
  const btrfsHost = hostIndexWithDriver(lab, 'btrfs');
  const overlayHost = hostIndexWithDriver(lab, 'overlay2');

  it.skipIf(btrfsHost < 0)(
    'btrfs usage read over SSH equals `btrfs filesystem usage -b` run on the data root',
    async () => {
      const host = labHost(btrfsHost, lab);
      const health = await collectStorageHealth(labApi(lab, btrfsHost));
      expect(health.unread).toEqual([]);
      expect(health.detail.kind).toBe('btrfs');
      const remote = health.detail.kind === 'btrfs' ? health.detail.usage : undefined;
      const direct = parseBtrfsUsage(await local('btrfs', ['filesystem', 'usage', '-b', host.dataRoot]));
      expect(remote?.deviceSizeBytes).toBe(direct.deviceSizeBytes);
      expect(remote?.deviceAllocatedBytes).toBe(direct.deviceAllocatedBytes);
      expect(remote?.metadata?.sizeBytes).toBe(direct.metadata?.sizeBytes);
      // Containers keep writing (health checks): used bytes may move a little between the two reads.
      expect(Math.abs((remote?.data?.usedBytes ?? 0) - (direct.data?.usedBytes ?? 0))).toBeLessThan(
        16 * 2 ** 20,
      );
      expect(health.verdict).toBe('ok');
      expect(health.diskUsage?.df.images.count).toBeGreaterThan(0);
    },
  );

  it.skipIf(overlayHost < 0)("overlay2 host's free space matches df of its data root", async () => {
    const host = labHost(overlayHost, lab);
    const health = await collectStorageHealth(labApi(lab, overlayHost), undefined, { withDiskUsage: false });
    expect(health.unread).toEqual([]);
    expect(health.detail).toMatchObject({ kind: 'overlay', status: { supportsDType: true } });
    const remote = health.detail.kind === 'overlay' ? health.detail.filesystem : undefined;
    const direct = parseDf(await local('df', ['-P', '-B1', host.dataRoot]))[0];
    expect(remote?.totalBytes).toBe(direct?.totalBytes);
    expect(remote?.mountedOn).toBe(direct?.mountedOn);
    // The disk is shared with other work: allow it to move by 1% between the two reads.
    expect(Math.abs((remote?.availableBytes ?? 0) - (direct?.availableBytes ?? 0))).toBeLessThan(
      (direct?.totalBytes ?? 0) / 100,
    );
  });

  it('host vitals come back from one SSH command', async () => {
    const vitals = await collectHostVitals(labApi(lab, 0), { paths: ['/', labHost(0, lab).dataRoot] });
    expect(vitals.unread).toEqual([]);
    expect(vitals.memory?.totalBytes).toBeGreaterThan(0);
    expect(vitals.load?.one).toBeGreaterThanOrEqual(0);
    expect(vitals.filesystems).toHaveLength(2);
  });

  describeFillingBtrfs(lab);

  it.skipIf(btrfsHost < 0)(
    'docker stop of sigignore is seen as ignoring SIGTERM, and its exit 137 decodes as SIGKILL',
    async () => {
      const api = labApi(lab, btrfsHost);
      const tracker = new StopSignalTracker();
      const seen: FleetEvent[] = [];
      const sub = await api.events(
        { since: Math.floor(Date.now() / 1000) },
        (e) => {
          seen.push(e);
          tracker.observe(e);
        },
        () => {},
      );
      try {
        const id = (
          await dockerCli(btrfsHost, ['inspect', '--format', '{{.Id}}', 'sigignore'])
        ).stdout.trim();
        const siglog = (
          await dockerCli(btrfsHost, ['inspect', '--format', '{{.Id}}', 'siglog'])
        ).stdout.trim();
        expect(tracker.ignoresStopSignal(api.name, id)).toBe(false);
        const [stopIgnoring, stopHonouring] = await Promise.all([
          dockerCli(btrfsHost, ['stop', 'sigignore']),
          dockerCli(btrfsHost, ['stop', 'siglog']),
        ]);
        expect(stopIgnoring.code).toBe(0);
        expect(stopHonouring.code).toBe(0);
        await waitFor('the stop event of sigignore', () =>
          seen.some((e) => e.actorId === id && e.action === 'stop') ? true : undefined,
        );
        await waitFor('the die event of siglog', () =>
          seen.some((e) => e.actorId === siglog && e.action === 'die') ? true : undefined,
        );
        expect(tracker.ignoresStopSignal(api.name, id)).toBe(true);
        expect(tracker.lastForcedStop(api.name, id)?.ignoredSignal).toBe('SIGTERM');
        expect(tracker.ignoresStopSignal(api.name, siglog)).toBe(false);
        const state = (
          await dockerCli(btrfsHost, [
            'inspect',
            '--format',
            '{{.State.ExitCode}} {{.State.OOMKilled}}',
            'sigignore',
          ])
        ).stdout
          .trim()
          .split(' ');
        expect(decodeExit(Number(state[0]), state[1] === 'true')).toMatchObject({
          kind: 'signal',
          signal: 'SIGKILL',
        });
      } finally {
        sub.close();
        await dockerCli(btrfsHost, ['start', 'sigignore', 'siglog']);
      }
    },
    40_000,
  );
});

/** A private btrfs loop image (never the lab's) filled until the verdict turns warn, then crit. */
function describeFillingBtrfs(lab: LabInventory): void {
  let dir = '';
  let mount = '';
  let loopMounted = false;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'fleetdeck-health-btrfs-'));
    mount = join(dir, 'mnt');
    const image = join(dir, 'fs.img');
    await local('truncate', ['-s', '1200M', image]);
    await local('mkfs.btrfs', ['-q', '-f', image]);
    await local('mkdir', ['-p', mount]);
    await local('mount', ['-o', 'loop', image, mount]);
    loopMounted = true;
  });

  afterAll(async () => {
    if (loopMounted) await local('umount', [mount]);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('filling a btrfs data root turns the verdict warn, then crit, and back to ok once freed', async () => {
    // Host 0's sshd and /info, with the data root pointed at the private image.
    const api = labApi(lab, 0, { driver: 'btrfs', dockerRootDir: mount, driverStatus: [] });
    const verdict = async () =>
      (await collectStorageHealth(api, undefined, { withDiskUsage: false })).verdict;
    expect(await verdict()).toBe('ok');

    // Fill to a share of what btrfs counts as data space (used + estimated free).
    const fillTo = async (percent: number) => {
      const u = parseBtrfsUsage(await local('btrfs', ['filesystem', 'usage', '-b', mount]));
      const used = u.data?.usedBytes ?? 0;
      const target = ((used + (u.freeEstimatedBytes ?? 0)) * percent) / 100 - used;
      await local('fallocate', ['-l', String(Math.floor(target)), join(mount, `fill-${percent}`)]);
      await local('sync', []);
    };
    await fillTo(84);
    expect(
      await waitFor('a warn verdict', async () => ((await verdict()) === 'warn' ? 'warn' : undefined)),
    ).toBe('warn');
    await fillTo(93);
    const health = await collectStorageHealth(api, undefined, { withDiskUsage: false });
    expect(health.verdict).toBe('crit');
    expect(health.findings.find((f) => f.level === 'crit')?.message).toMatch(
      new RegExp(
        `^lab-0: btrfs filesystem holding ${mount} is 9\\d(\\.\\d)?% full .*\\(docker system prune\\)`,
      ),
    );

    await local('sh', ['-c', `rm -f ${mount}/fill-* && sync`]);
    expect(
      await waitFor('an ok verdict after removing the files', async () =>
        (await verdict()) === 'ok' ? 'ok' : undefined,
      ),
    ).toBe('ok');
  }, 60_000);
}
