import { mkdtempSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startFleet, type FleetRuntime } from '../../src/app/runtime.js';
import { openTargets, type FleetTargets } from '../../src/app/targets.js';
import { loadFleet } from '../../src/config/index.js';
import type { DockerHostApi } from '../../src/docker/host-api.js';
import { containerKey } from '../../src/domain/container.js';
import { parseBtrfsUsage } from '../../src/domain/health/btrfs.js';
import { parseDf } from '../../src/domain/health/df.js';
import type { DockerInfo } from '../../src/domain/info.js';
import { decodeExit } from '../../src/domain/signals.js';
import { collectStorageHealth } from '../../src/fleet/health/storage.js';
import { HealthMonitor } from '../../src/fleet/health/monitor.js';
import { collectHostVitals } from '../../src/fleet/health/vitals.js';
import { FleetStore } from '../../src/fleet/store.js';
import { presentStorage } from '../../src/ui/views/storage/present.js';
import { storageLines } from '../../src/ui/views/storage/lines.js';
import { loadTheme } from '../../src/theme/index.js';
import { describeLab, dockerCli, labHost, type LabInventory } from '../support/lab.js';
import { run } from '../support/lab-script.js';

/*
 * Health against the lab through the real gateways (`openTargets`, read-only): Docker API calls
 * and host commands both over each host's one SSH connection, as the dashboard makes them.
 */

let fleet: FleetTargets | undefined;

async function openLabFleet(lab: LabInventory): Promise<FleetTargets> {
  fleet ??= openTargets(await loadFleet({ fleetFile: lab.fleetFile, env: {}, homedir: homedir() }), {
    readOnly: true,
  });
  return fleet;
}

afterAll(async () => {
  await fleet?.close();
  fleet = undefined;
});

/** A lab host's real gateway with some /info fields replaced (to point a check at a private data root). */
function withInfo(api: DockerHostApi, overrideInfo: Partial<DockerInfo>): DockerHostApi {
  return new Proxy(api, {
    get(target, prop, receiver) {
      if (prop === 'info') return async () => ({ ...(await target.info()), ...overrideInfo });
      const value: unknown = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

async function labApi(
  lab: LabInventory,
  index: number,
  overrideInfo?: Partial<DockerInfo>,
): Promise<DockerHostApi> {
  const name = labHost(index, lab).name;
  const target = (await openLabFleet(lab)).targets.find((t) => t.identity.name === name);
  if (!target) throw new Error(`${name}: not in the lab's fleet file ${lab.fleetFile}`);
  return overrideInfo ? withInfo(target.api, overrideInfo) : target.api;
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
      const health = await collectStorageHealth(await labApi(lab, btrfsHost));
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
    const health = await collectStorageHealth(await labApi(lab, overlayHost), undefined, {
      withDiskUsage: false,
    });
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
    const vitals = await collectHostVitals(await labApi(lab, 0), { paths: ['/', labHost(0, lab).dataRoot] });
    expect(vitals.unread).toEqual([]);
    expect(vitals.memory?.totalBytes).toBeGreaterThan(0);
    expect(vitals.load?.one).toBeGreaterThanOrEqual(0);
    expect(vitals.filesystems).toHaveLength(2);
  });

  describeFillingBtrfs(lab);

  it.skipIf(btrfsHost < 0)(
    "the health monitor puts the btrfs host's storage health, every host's vitals and this machine's into the store",
    async () => {
      const { targets } = await openLabFleet(lab);
      const store = new FleetStore(
        targets.map((t) => ({ ...t.identity, state: 'up' as const, since: Date.now() })),
      );
      const monitor = new HealthMonitor(new Map(targets.map((t) => [t.identity.name, t.api])), store, {
        concurrency: 2,
      });
      monitor.start();
      try {
        const name = labHost(btrfsHost, lab).name;
        await waitFor(
          'storage, vitals and local vitals of every host',
          () => {
            const snap = store.getSnapshot();
            const done =
              snap.local !== undefined &&
              targets.every((t) => snap.storage?.has(t.identity.name) && snap.vitals?.has(t.identity.name));
            return done ? true : undefined;
          },
          60_000,
        );
        const snap = store.getSnapshot();
        const health = snap.storage?.get(name);
        expect(health).toMatchObject({ driver: 'btrfs', verdict: 'ok', unread: [] });
        expect(health?.detail.kind).toBe('btrfs');
        expect(health?.diskUsage?.df.images.count).toBeGreaterThan(0);
        for (const t of targets) {
          expect(snap.vitals?.get(t.identity.name)?.unread).toEqual([]);
          expect(snap.vitals?.get(t.identity.name)?.memory?.totalBytes).toBeGreaterThan(0);
        }
        expect(snap.local?.memory?.totalBytes).toBeGreaterThan(0);

        // What the Storage view shows for it.
        const theme = loadTheme({ name: 'mono', colorMode: 'none' }).theme;
        const blocks = presentStorage(snap.hosts, snap.storage, Date.now());
        const lines = storageLines(
          blocks.filter((b) => b.host === name),
          140,
          theme,
        ).map((l) => l.trimEnd());
        expect(lines[0]).toMatch(new RegExp(`^── ✓ ${name} {2}btrfs {2}OK {2}· checked \\d+s ago`));
        expect(lines.some((l) => /^ {4}device +.* allocated .* unallocated$/.test(l))).toBe(true);
        expect(lines.some((l) => /^ {4}metadata +.* used of .* in chunks/.test(l))).toBe(true);
        expect(lines).toContain('    system df');
        expect(lines.some((l) => l.includes('could not read'))).toBe(false);
      } finally {
        monitor.stop();
        await monitor.idle();
      }
    },
    90_000,
  );

  it.skipIf(btrfsHost < 0)(
    'docker stop of sigignore is flagged in the store as ignoring its stop signal, its exit 137 decoding as SIGKILL',
    async () => {
      const config = await loadFleet({ fleetFile: lab.fleetFile, env: {}, homedir: homedir() });
      const runtime: FleetRuntime = startFleet(config, { readOnly: true });
      const name = labHost(btrfsHost, lab).name;
      const inspectId = async (container: string) =>
        (await dockerCli(btrfsHost, ['inspect', '--format', '{{.Id}}', container])).stdout.trim();
      try {
        await waitFor('every lab host up', () =>
          runtime.store.getSnapshot().hosts.every((h) => h.state === 'up') ? true : undefined,
        );
        const sigignore = containerKey({ host: name, id: await inspectId('sigignore') });
        const siglog = containerKey({ host: name, id: await inspectId('siglog') });
        expect(runtime.store.getSnapshot().ignoresStopSignal?.has(sigignore)).toBe(false);
        const [stopIgnoring, stopHonouring] = await Promise.all([
          dockerCli(btrfsHost, ['stop', 'sigignore']),
          dockerCli(btrfsHost, ['stop', 'siglog']),
        ]);
        expect(stopIgnoring.code).toBe(0);
        expect(stopHonouring.code).toBe(0);
        const exited = await waitFor('sigignore flagged and listed as exited', () => {
          const snap = runtime.store.getSnapshot();
          const c = snap.containers.find((x) => containerKey(x) === sigignore);
          return snap.ignoresStopSignal?.has(sigignore) && c?.state === 'exited' ? c : undefined;
        });
        expect(exited.exitCode).toBe(137);
        expect(decodeExit(exited.exitCode ?? -1)).toMatchObject({ kind: 'signal', signal: 'SIGKILL' });
        await waitFor('siglog listed as exited', () =>
          runtime.store
            .getSnapshot()
            .containers.some((c) => containerKey(c) === siglog && c.state === 'exited')
            ? true
            : undefined,
        );
        expect(runtime.store.getSnapshot().ignoresStopSignal?.has(siglog)).toBe(false);
        // Details read through the gateway agree: exit 137 was a SIGKILL, not the OOM killer.
        const d = await runtime.apis.get(name)?.inspectContainer(sigignore.slice(name.length + 1));
        expect(d && decodeExit(d.exitCode, d.oomKilled).message).toBe('killed by SIGKILL (137)');
      } finally {
        await dockerCli(btrfsHost, ['start', 'sigignore', 'siglog']);
        await runtime.close();
      }
    },
    60_000,
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
    const api = await labApi(lab, 0, { driver: 'btrfs', dockerRootDir: mount, driverStatus: [] });
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
