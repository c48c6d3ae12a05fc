import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { parseBtrfsUsage } from '../../../src/domain/health/btrfs.js';
import { summariseDiskUsage } from '../../../src/domain/health/disk-usage.js';
import { assessStorage } from '../../../src/domain/health/storage.js';
import {
  DEFAULT_USAGE_THRESHOLDS,
  type HostVitals,
  type StorageHealth,
} from '../../../src/domain/health/types.js';
import type { DockerInfo } from '../../../src/domain/info.js';
import type { FleetSnapshot } from '../../../src/fleet/snapshot.js';
import { App, type AppProps } from '../../../src/ui/App.js';
import { presentContainers } from '../../../src/ui/views/containers/present.js';
import { presentDetails } from '../../../src/ui/views/details/present.js';
import { presentRoles } from '../../../src/ui/views/roles/present.js';
import {
  localVitalsOf,
  presentStorage,
  storageAlerts,
  storageVerdictCell,
} from '../../../src/ui/views/storage/present.js';
import { storageView } from '../../../src/ui/views/storage/index.js';
import { initialDashboardState } from '../../../src/ui/dashboard/state.js';
import { compileFilter } from '../../../src/ui/presenters/filter.js';
import { loadDockerInfo, localFixture } from '../health/docker-info-fixtures.js';
import { container, details, FakeFleet, host, ManualClock, T0, theme, waitForText } from './support.js';

afterEach(() => cleanup());

const T = DEFAULT_USAGE_THRESHOLDS;
const DF = summariseDiskUsage({
  images: { count: 12, active: 4, sizeBytes: 3 * 2 ** 30, reclaimableBytes: 2 * 2 ** 30 },
  containers: { count: 8, active: 7, sizeBytes: 2 ** 20, reclaimableBytes: 0 },
  volumes: { count: 2, active: 2, sizeBytes: 2 ** 30, reclaimableBytes: 0 },
  buildCache: { count: 0, active: 0, sizeBytes: 0, reclaimableBytes: 0 },
});

function info(over: Partial<DockerInfo>): DockerInfo {
  return {
    serverVersion: '20.10.24',
    driver: 'overlay2',
    driverStatus: [],
    dockerRootDir: '/var/lib/docker',
    containers: 0,
    containersRunning: 0,
    images: 0,
    ...over,
  };
}

/** Real readings: a devicemapper host below its pool's minimum free space, the lab's btrfs host, an overlay host whose df was refused. */
function storageMap(): Map<string, StorageHealth> {
  const dm = loadDockerInfo('devicemapper-loop-lvm-nearly-full-18.06-docker-cli-2495.json');
  const btrfs = parseBtrfsUsage(localFixture('btrfs-usage-lab-host0.txt'));
  return new Map([
    ['dm-1', assessStorage('dm-1', dm, { unread: [] }, T, T0 - 30_000)],
    [
      'btr-1',
      assessStorage(
        'btr-1',
        info({ driver: 'btrfs', dockerRootDir: '/srv/docker' }),
        { btrfsUsage: btrfs, diskUsage: DF, unread: [] },
        T,
        T0 - 5_000,
      ),
    ],
    [
      'ovl-1',
      assessStorage(
        'ovl-1',
        info({
          driverStatus: [
            ['Backing Filesystem', 'xfs'],
            ['Supports d_type', 'true'],
          ],
        }),
        {
          unread: [
            { what: 'free space of /var/lib/docker', reason: 'sshd refused a session (MaxSessions 0)' },
          ],
        },
        T,
        T0 - 60_000,
      ),
    ],
  ]);
}

function storageFleet(extra: Partial<FleetSnapshot> = {}): FakeFleet {
  return new FakeFleet({
    hosts: [host('dm-1'), host('btr-1'), host('ovl-1'), host('new-1')],
    storage: storageMap(),
    ...extra,
  });
}

describe('storage presenter', () => {
  it('gives each driver its space figures, findings, what was unread and system df', () => {
    const [dm, btr, ovl, fresh] = presentStorage(storageFleet().getSnapshot().hosts, storageMap(), T0);
    expect(dm).toMatchObject({ host: 'dm-1', driver: 'devicemapper', verdict: 'crit', tone: 'status.crit' });
    expect(dm?.figures.map(([label]) => label)).toEqual(['mode', 'data', 'metadata', 'min free', 'pool']);
    expect(dm?.figures[0]?.[1]).toMatch(/^loop-lvm/);
    expect(dm?.findings[0]).toMatchObject({ tone: 'status.crit' });
    expect(dm?.findings[0]?.text).not.toMatch(/^dm-1:/);
    expect(dm?.checked).toBe('checked 30s ago');

    expect(btr).toMatchObject({ driver: 'btrfs', verdict: 'ok' });
    const figures = new Map(btr?.figures);
    expect(figures.get('device')).toMatch(/allocated .*unallocated$/);
    expect(figures.get('data')).toMatch(/used of .* in chunks/);
    expect(figures.get('metadata')).toMatch(/used of .* in chunks/);
    expect(new Map(btr?.diskUsage).get('images')).toBe('12 (4 active), 3.22 GB, 2.15 GB reclaimable');
    expect(new Map(btr?.diskUsage).get('reclaimable')).toBe('2.15 GB of 4.3 GB');

    expect(ovl?.figures).toEqual([
      ['backing fs', 'xfs'],
      ['d_type', 'yes'],
    ]);
    expect(ovl?.unread).toEqual(['free space of /var/lib/docker: sshd refused a session (MaxSessions 0)']);
    expect(fresh).toMatchObject({ verdict: 'unknown', checked: 'not checked yet', figures: [] });
  });

  it('verdict cells, wallboard alerts (warn/crit only) and local vitals', () => {
    const map = storageMap();
    expect(storageVerdictCell(map.get('dm-1'))).toEqual({ text: 'crit', tone: 'status.crit' });
    expect(storageVerdictCell(map.get('ovl-1'))).toEqual({ text: 'ok?', tone: 'status.healthy' });
    expect(storageVerdictCell(undefined)).toEqual({ text: '-', tone: 'text.dim' });
    const alerts = storageAlerts(map);
    expect(alerts.length).toBeGreaterThan(0);
    expect(alerts.every((a) => a.text.startsWith('dm-1: '))).toBe(true);
    expect(alerts.some((a) => a.severity === 'crit')).toBe(true);

    const v: HostVitals = {
      host: 'local',
      load: { one: 1.5, five: 1, fifteen: 0.5 },
      memory: { totalBytes: 8e9, availableBytes: 2e9, usedPercent: 75 },
      filesystems: [
        {
          filesystem: 'tmpfs',
          totalBytes: 1,
          usedBytes: 0,
          availableBytes: 1,
          capacityPercent: 0,
          mountedOn: '/run',
        },
        {
          filesystem: '/dev/sda1',
          totalBytes: 100,
          usedBytes: 40,
          availableBytes: 60,
          capacityPercent: 40,
          mountedOn: '/',
        },
      ],
      unread: [],
      checkedAt: T0,
    };
    expect(localVitalsOf(v)).toEqual({
      load1: 1.5,
      load5: 1,
      load15: 0.5,
      memUsedBytes: 6e9,
      memTotalBytes: 8e9,
      diskUsedBytes: 40,
      diskTotalBytes: 100,
    });
    expect(localVitalsOf(undefined)).toBeUndefined();
  });

  it('decoded exits and the ignores-stop-signal flag in containers, roles and details', () => {
    const stubborn = container('a', 'sig-1', { state: 'running', health: 'none', status: 'Up 1 minute' });
    const killed = container('a', 'sig-2', {
      state: 'exited',
      health: 'none',
      status: 'Exited (137)',
      exitCode: 137,
    });
    const missing = container('a', 'job-1', {
      state: 'exited',
      health: 'none',
      status: 'Exited (127)',
      exitCode: 127,
    });
    const flagged = new Set([`a/${stubborn.id}`]);
    const rows = presentContainers({
      containers: [stubborn, killed, missing],
      usage: new Map(),
      events: [],
      ignoresStopSignal: flagged,
    });
    expect(rows.map((r) => [r.name, r.state, r.exit, r.ignoresStopSignal])).toEqual([
      ['sig-1', 'running', '', true],
      ['sig-2', 'exited(137)', 'KILL', false],
      ['job-1', 'exited(127)', 'nocmd', false],
    ]);
    const [role] = presentRoles([stubborn, killed], undefined, flagged);
    expect(role).toMatchObject({ role: 'sig', ignoringStop: 1, tone: 'status.warn' });

    const lifecycle = (d: Parameters<typeof presentDetails>[0], flag: boolean) =>
      new Map(presentDetails(d, T0, { ignoresStopSignal: flag }).find((s) => s.title === 'Lifecycle')?.lines);
    const plain = lifecycle(
      details(killed, {
        stopSignal: undefined,
        stopTimeout: undefined,
        init: false,
        exitCode: 137,
        entrypoint: [],
        cmd: ['sh', '-c', 'sleep 1d'],
      }),
      true,
    );
    expect(plain.get('stop signal')).toBe('SIGTERM (default)');
    expect(plain.get('stop timeout')).toBe('daemon default (10s)');
    expect(plain.get('PID 1')).toBe('sh -c "sleep 1d"');
    expect(plain.get('exit')).toBe('killed by SIGKILL (137)');
    expect(plain.get('stop verdict')).toMatch(/^IGNORES ITS STOP SIGNAL/);
    // The reason it may sit out its stop signal is given once it did.
    expect(plain.get('')).toMatch(/^PID 1 is a shell \(sh -c\)/);
    const oom = lifecycle(details(killed, { exitCode: 137, oomKilled: true }), false);
    expect(oom.get('exit')).toMatch(/^OOM killed/);
    expect(oom.get('stop signal')).toBe('SIGQUIT');
    expect(oom.get('stop verdict')).toBe('no forced stop seen');
    expect(oom.has('')).toBe(false);
  });
});

/** The dashboard's Storage view (the one storage view), drawn at 120 columns. */
function storageScreen(snapshot: FleetSnapshot): string {
  const frame = storageView.frame({
    state: initialDashboardState({ view: 'storage', theme: theme('none') }),
    snapshot,
    now: T0,
    width: 120,
    bodyHeight: 80,
    theme: theme('none'),
    filter: compileFilter(''),
    bindings: { readOnly: true, canAct: false },
    activeBindings: () => [],
    details: { status: 'idle' },
  });
  return frame.body(0, 0, 80).join('\n');
}

describe('Storage view', () => {
  it('lists every host with driver, verdict, figures, findings and what it could not read', async () => {
    const fleet = storageFleet();
    const frame = storageScreen(fleet.getSnapshot());
    expect(frame).toMatch(/✗ dm-1 {2}devicemapper {2}CRIT {2}· checked 30s ago/);
    expect(frame).toMatch(/✓ btr-1 {2}btrfs {2}OK/);
    expect(frame).toMatch(/min free/);
    expect(frame).toContain('system df');
    expect(frame).toContain(
      'could not read free space of /var/lib/docker: sshd refused a session (MaxSessions 0)',
    );
    expect(frame).toMatch(/\? new-1 {2}overlay2 {2}UNKNOWN {2}· not checked yet/);
  });

  it('follows the store: a new check replaces the block', async () => {
    const fleet = storageFleet();
    expect(storageScreen(fleet.getSnapshot())).toContain('new-1');
    const storage = new Map(fleet.getSnapshot().storage);
    storage.set('new-1', assessStorage('new-1', info({ driver: 'vfs' }), { unread: [] }, T, T0));
    fleet.publish({ storage });
    expect(storageScreen(fleet.getSnapshot())).toMatch(/✓ new-1 {2}vfs {2}OK {2}· checked 0s ago/);
  });
});

describe('App with health in the store', () => {
  function setup(over: Partial<AppProps> = {}, fleet = storageFleet()) {
    const props: AppProps = {
      reader: fleet,
      readOnly: true,
      wallboard: false,
      theme: theme('none'),
      colorMode: 'none',
      onQuit: () => {},
      loadDetails: () => Promise.reject(new Error('not used')),
      clock: new ManualClock(),
      ...over,
    };
    return { ...render(<App {...props} />), fleet };
  }

  it('hosts view shows each storage verdict; 5 and :storage open the Storage view', async () => {
    const { lastFrame, stdin } = setup();
    const hosts = await waitForText(lastFrame, 'new-1');
    expect(hosts).toMatch(/dm-1 .* crit overla/);
    expect(hosts).toMatch(/ovl-1 .* ok\? overlay2 /);
    expect(hosts).toMatch(/new-1 .* overlay2 /);
    stdin.write('5');
    await waitForText(lastFrame, 'Storage · 4 hosts');
    stdin.write('1');
    await waitForText(lastFrame, 'Hosts · 4');
    stdin.write(':storage\r');
    const frame = await waitForText(lastFrame, 'CRIT');
    expect(frame).toContain('devicemapper');
  });

  it('the local machine panel follows the store', async () => {
    const { lastFrame, fleet } = setup();
    await waitForText(lastFrame, 'new-1');
    fleet.publish({
      local: {
        host: 'local',
        load: { one: 3.25, five: 2, fifteen: 1 },
        memory: { totalBytes: 8 * 2 ** 30, availableBytes: 4 * 2 ** 30, usedPercent: 50 },
        filesystems: [],
        unread: [],
        checkedAt: T0,
      },
    });
    await waitForText(lastFrame, 'local load 3.25 2.00 1.00');
  });

  it('the wallboard alerts strip carries storage findings at warn/crit', async () => {
    const { lastFrame } = setup({ wallboard: true });
    const frame = await waitForText(lastFrame, 'dm-1: ');
    expect(frame).toMatch(/✗ dm-1: /);
  });
});
