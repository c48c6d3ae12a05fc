import { describe, expect, it } from 'vitest';
import type { HostCommandResult } from '../../../src/docker/host-api.js';
import { HostApiError } from '../../../src/docker/host-api.js';
import type { DockerInfo, SystemDf } from '../../../src/domain/info.js';
import { collectLocalVitals, type LocalVitalsSource } from '../../../src/fleet/health/local-vitals.js';
import { collectStorageHealth } from '../../../src/fleet/health/storage.js';
import { collectHostVitals } from '../../../src/fleet/health/vitals.js';
import { FakeHostApi } from '../../support/fake-host-api.js';
import { localFixture } from './docker-info-fixtures.js';

type Reply = HostCommandResult | Error;

/** A fake host whose shell answers by the program a command runs. */
class ShellFake extends FakeHostApi {
  readonly commands: string[] = [];
  constructor(
    name: string,
    info: Partial<DockerInfo>,
    private readonly replies: Record<string, Reply>,
  ) {
    super(name);
    this.info_ = info;
  }
  override async runHostCommand(command = ''): Promise<HostCommandResult> {
    this.commands.push(command);
    const program = Object.keys(this.replies).find((p) => command.includes(p));
    const reply = program === undefined ? undefined : this.replies[program];
    if (reply instanceof Error) throw reply;
    return reply ?? { code: 127, stdout: '', stderr: `sh: 1: ${command.split(' ')[1]}: not found` };
  }
  override async systemDf(): Promise<SystemDf> {
    const e = { count: 1, active: 1, sizeBytes: 1000, reclaimableBytes: 0 };
    return { images: e, containers: e, volumes: e, buildCache: e };
  }
}

const ok = (stdout: string): HostCommandResult => ({ code: 0, stdout, stderr: '' });
const BTRFS: Partial<DockerInfo> = { driver: 'btrfs', dockerRootDir: '/srv/docker data' };

describe('collectStorageHealth', () => {
  it('reads btrfs usage of the quoted data root in the C locale', async () => {
    const api = new ShellFake('lab-0', BTRFS, { btrfs: ok(localFixture('btrfs-usage-metadata-enospc.txt')) });
    const h = await collectStorageHealth(api, undefined, { clock: { now: () => 7 } });
    expect(api.commands).toEqual(["LC_ALL=C btrfs filesystem usage -b '/srv/docker data'"]);
    expect(h).toMatchObject({
      host: 'lab-0',
      verdict: 'crit',
      unread: [],
      checkedAt: 7,
      detail: { kind: 'btrfs' },
    });
    expect(h.diskUsage?.totalBytes).toBe(4000);
  });

  it('falls back to df when btrfs is not allowed, and says why', async () => {
    const api = new ShellFake('lab-0', BTRFS, {
      btrfs: { code: 1, stdout: '', stderr: 'ERROR: cannot access /srv: Permission denied\n' },
      df: ok(localFixture('btrfs-df-data-full.txt')),
    });
    const h = await collectStorageHealth(api);
    expect(h.verdict).toBe('crit');
    expect(h.unread).toEqual([
      {
        what: 'btrfs allocation of /srv/docker data',
        reason:
          'not permitted for the SSH user (ERROR: cannot access /srv: Permission denied); run it as root or grant sudo',
      },
    ]);
  });

  it('reports a missing tool, a refused session and a failing /system/df without throwing', async () => {
    const api = new ShellFake('lab-0', BTRFS, {
      df: new HostApiError('lab-0', { code: 'unknown', message: '(SSH) Channel open failure: open failed' }),
    });
    api.systemDf = () => Promise.reject(new Error('lab-0: GET /system/df timed out'));
    const h = await collectStorageHealth(api);
    expect(h.verdict).toBe('ok');
    expect(h.unread).toEqual([
      {
        what: 'btrfs allocation of /srv/docker data',
        reason: '`btrfs` is not installed on the host (sh: 1: btrfs: not found)',
      },
      {
        what: 'free space of /srv/docker data',
        reason:
          'sshd refused a command session ((SSH) Channel open failure: open failed); check MaxSessions and ForceCommand for this user',
      },
      { what: 'disk usage (GET /system/df)', reason: 'lab-0: GET /system/df timed out' },
    ]);
  });

  it('says when the account has no shell', async () => {
    const api = new ShellFake(
      'h',
      { driver: 'overlay2' },
      {
        df: { code: 1, stdout: 'This account is currently not available.\n', stderr: '' },
      },
    );
    const h = await collectStorageHealth(api, undefined, { withDiskUsage: false });
    expect(h.unread[0]?.reason).toBe(
      'the SSH account has no shell to run commands (This account is currently not available.)',
    );
    expect(h.diskUsage).toBeUndefined();
  });

  it('needs no host command for devicemapper', async () => {
    const api = new ShellFake(
      'dm',
      { driver: 'devicemapper', driverStatus: [['Data Space Total', '1 GB']] },
      {},
    );
    await collectStorageHealth(api);
    expect(api.commands).toEqual([]);
  });

  it('rejects when the host does not answer /info', async () => {
    const api = new ShellFake('gone', {}, {});
    api.down = { code: 'timeout', message: 'gone: timed out' };
    await expect(collectStorageHealth(api)).rejects.toThrow('gone: timed out');
  });
});

describe('collectHostVitals', () => {
  it('reads everything with one command', async () => {
    const api = new ShellFake(
      'lab-1',
      {},
      {
        loadavg: ok(
          `0.5 0.4 0.3 1/80 9\n---\nMemTotal: 2048 kB\nMemAvailable: 1024 kB\n---\n4\n---\n${localFixture('btrfs-df-data-full.txt')}`,
        ),
      },
    );
    const v = await collectHostVitals(api, { clock: { now: () => 1 } });
    expect(api.commands).toHaveLength(1);
    expect(v).toMatchObject({ host: 'lab-1', cpuCount: 4, unread: [], memory: { usedPercent: 50 } });
    expect(v.filesystems[0]?.capacityPercent).toBe(95);
  });

  it('says what it could not read when the session is refused', async () => {
    const api = new ShellFake('lab-1', {}, { loadavg: new Error('(SSH) Channel open failure: open failed') });
    const v = await collectHostVitals(api);
    expect(v.load).toBeUndefined();
    expect(v.unread[0]?.reason).toMatch(/^sshd refused a command session/);
  });
});

describe('collectLocalVitals', () => {
  it('maps systeminformation readings', async () => {
    const source: LocalVitalsSource = {
      currentLoad: async () => ({ currentLoad: 12.5 }),
      mem: async () => ({ total: 1000, available: 250, free: 100, swaptotal: 0, swapfree: 0 }),
      fsSize: async () => [{ fs: '/dev/vda', size: 100, used: 40, available: 60, use: 40, mount: '/' }],
      loadavg: () => [1, 2, 3],
      cpuCount: () => 2,
    };
    const v = await collectLocalVitals('here', source, () => 9);
    expect(v).toEqual({
      host: 'here',
      load: { one: 1, five: 2, fifteen: 3 },
      cpuCount: 2,
      cpuBusyPercent: 12.5,
      memory: {
        totalBytes: 1000,
        availableBytes: 250,
        freeBytes: 100,
        swapTotalBytes: 0,
        swapFreeBytes: 0,
        usedPercent: 75,
      },
      filesystems: [
        {
          filesystem: '/dev/vda',
          totalBytes: 100,
          usedBytes: 40,
          availableBytes: 60,
          capacityPercent: 40,
          mountedOn: '/',
        },
      ],
      unread: [],
      checkedAt: 9,
    });
  });

  it('reads this machine for real', async () => {
    const v = await collectLocalVitals();
    expect(v.memory?.totalBytes).toBeGreaterThan(0);
    expect(v.filesystems.some((f) => f.mountedOn === '/')).toBe(true);
  });
});
