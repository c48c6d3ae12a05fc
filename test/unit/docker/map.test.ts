import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RawContainer, RawDf, RawInfo, RawInspect, RawStats } from '../../../src/docker/api-types.js';
import { exitCodeFromStatus, healthFromStatus, mapContainer } from '../../../src/docker/map-container.js';
import { mapDetails } from '../../../src/docker/map-details.js';
import { mapInfo, mapSystemDf } from '../../../src/docker/map-info.js';
import { mapEvent, mapStats } from '../../../src/docker/map-stats.js';
import { fixture } from './fixtures.js';
import { DOCKER_INFO_FIXTURES_DIR } from '../health/docker-info-fixtures.js';

describe('mapContainer', () => {
  const list = fixture<RawContainer[]>('containers-list.json');

  it('maps a recorded list: names, roles, states, exit codes', () => {
    const mapped = list.map((c) => mapContainer('lab-1', c));
    expect(mapped.map((c) => [c.name, c.role, c.state, c.exitCode])).toEqual([
      ['done-1', 'done', 'exited', 3],
      ['tty-1', 'tty', 'running', undefined],
      ['web-3', 'web', 'running', undefined],
      ['web-2', 'web', 'running', undefined],
      ['web-1', 'web', 'running', undefined],
    ]);
    expect(mapped[4]).toMatchObject({
      host: 'lab-1',
      image: 'fd-busybox:local',
      labels: { role: 'web' },
      health: 'none',
    });
  });

  it('takes the role from the configured label', () => {
    const c = mapContainer('h', { Names: ['/api-7'], Labels: { tier: 'backend' } }, 'tier');
    expect(c.role).toBe('backend');
  });

  it('reads ports and health', () => {
    const c = mapContainer('h', {
      Id: 'x',
      Names: ['/db'],
      State: 'running',
      Status: 'Up 2 hours (unhealthy)',
      Ports: [
        { PrivatePort: 5432, PublicPort: 15432, IP: '0.0.0.0', Type: 'tcp' },
        { PrivatePort: 53, Type: 'udp' },
      ],
    });
    expect(c.health).toBe('unhealthy');
    expect(c.ports).toEqual([
      { privatePort: 5432, publicPort: 15432, ip: '0.0.0.0', type: 'tcp' },
      { privatePort: 53, type: 'udp' },
    ]);
    expect(healthFromStatus('Up 3 seconds (health: starting)')).toBe('starting');
    expect(healthFromStatus('Up 3 minutes (healthy)')).toBe('healthy');
    expect(exitCodeFromStatus('Exited (137) 2 hours ago')).toBe(137);
    expect(exitCodeFromStatus('Up 1 second')).toBeUndefined();
  });
});

describe('mapDetails', () => {
  it('maps a recorded inspect of a running container', () => {
    const d = mapDetails('lab-1', fixture<RawInspect>('container-inspect-web-1.json'));
    expect(d).toMatchObject({
      name: 'web-1',
      role: 'web',
      state: 'running',
      status: 'Up',
      tty: false,
      exitCode: 0,
    });
    expect(d.pid).toBeGreaterThan(0);
    expect(d.restartPolicy).toEqual({ name: 'no', maximumRetryCount: 0 });
    expect(d.finishedAt).toBeUndefined(); // the zero time means never
    expect(d.cmd[0]).toBe('sh');
    expect(d.networks).toEqual(['none']);
    expect(d.attachments).toEqual([{ name: 'none', ip: '', aliases: [] }]);
    expect(d.limits).toEqual({}); // every limit 0 in the recording: unlimited
  });

  it('maps networks with address and aliases, and CPU, memory and pids limits', () => {
    const raw = fixture<RawInspect>('container-inspect-web-1.json');
    const d = mapDetails('lab-1', {
      ...raw,
      HostConfig: { ...raw.HostConfig, NanoCpus: 1_500_000_000, Memory: 268_435_456, PidsLimit: 100 },
      NetworkSettings: {
        ...raw.NetworkSettings,
        Networks: {
          shop: { IPAddress: '172.18.0.3', Aliases: ['web', 'abc123'], DNSNames: ['web', 'web-1'] },
          bridge: { IPAddress: '172.17.0.2', Aliases: null },
        },
      },
    });
    expect(d.attachments).toEqual([
      { name: 'bridge', ip: '172.17.0.2', aliases: [] },
      { name: 'shop', ip: '172.18.0.3', aliases: ['web', 'abc123', 'web-1'] },
    ]);
    expect(d.limits).toEqual({ cpus: 1.5, memoryBytes: 268_435_456, pids: 100 });
    const quota = mapDetails('h', {
      ...raw,
      HostConfig: { CpuQuota: 50_000, CpuPeriod: 100_000, PidsLimit: -1 },
    });
    expect(quota.limits).toEqual({ cpus: 0.5 });
  });

  it('maps an exited container, health log and stop settings', () => {
    const raw = fixture<RawInspect>('container-inspect-done-1.json');
    expect(mapDetails('lab-1', raw)).toMatchObject({ state: 'exited', exitCode: 3, status: 'Exited (3)' });
    const healthy = mapDetails('h', {
      ...raw,
      State: {
        ...raw.State,
        Status: 'running',
        Health: { Status: 'healthy', Log: [{ Start: 's', End: 'e', ExitCode: 0, Output: 'ok' }] },
      },
      Config: {
        ...raw.Config,
        StopSignal: 'SIGINT',
        StopTimeout: 30,
        Labels: { 'org.opencontainers.image.revision': 'abc123' },
      },
    });
    expect(healthy).toMatchObject({
      health: 'healthy',
      stopSignal: 'SIGINT',
      stopTimeout: 30,
      revision: 'abc123',
    });
    expect(healthy.healthLog).toEqual([{ start: 's', end: 'e', exitCode: 0, output: 'ok' }]);
  });
});

describe('mapInfo / mapSystemDf', () => {
  it('maps recorded /info', () => {
    expect(mapInfo(fixture<RawInfo>('info.json'))).toMatchObject({
      serverVersion: '20.10.24+dfsg1',
      driver: 'overlay2',
      containers: 5,
      containersRunning: 4,
      swarm: { state: 'inactive', isManager: false },
    });
  });

  it('maps the devicemapper fixtures carried in test/fixtures', () => {
    const raw = JSON.parse(
      readShared('devicemapper-loop-lvm-nearly-full-18.06-docker-cli-2495.json'),
    ) as RawInfo;
    const info = mapInfo(raw);
    expect(info.driver).toBe('devicemapper');
    expect(info.driverStatus.find(([k]) => k === 'Data loop file')).toBeDefined();
  });

  it('flags the containerd snapshotter', () => {
    expect(
      mapInfo({ DriverStatus: [['driver-type', 'io.containerd.snapshotter.v1']] }).containerdSnapshotter,
    ).toBe(true);
  });

  it('computes df like `docker system df`', () => {
    const df = mapSystemDf(fixture<RawDf>('system-df.json'));
    expect(df.images).toEqual({ count: 1, active: 1, sizeBytes: 1982298, reclaimableBytes: 0 });
    expect(df.containers.count).toBe(5);
    expect(df.containers.active).toBe(4);
    const synthetic = mapSystemDf({
      LayersSize: 1000,
      Images: [
        { Containers: 1, Size: 600, SharedSize: 100 },
        { Containers: 0, Size: 400, SharedSize: 0 },
      ],
      Containers: [
        { State: 'running', SizeRw: 10 },
        { State: 'exited', SizeRw: 5 },
      ],
      Volumes: [
        { UsageData: { Size: 50, RefCount: 1 } },
        { UsageData: { Size: 20, RefCount: 0 } },
        { UsageData: { Size: -1, RefCount: 0 } },
      ],
      BuildCache: [
        { Size: 7, InUse: true },
        { Size: 3, InUse: false },
        { Size: 100, Shared: true },
      ],
    });
    expect(synthetic).toEqual({
      images: { count: 2, active: 1, sizeBytes: 1000, reclaimableBytes: 500 },
      containers: { count: 2, active: 1, sizeBytes: 15, reclaimableBytes: 5 },
      volumes: { count: 3, active: 1, sizeBytes: 70, reclaimableBytes: 20 },
      buildCache: { count: 3, active: 1, sizeBytes: 10, reclaimableBytes: 3 },
    });
  });
});

describe('mapStats / mapEvent', () => {
  it('maps a recorded one-shot stats answer', () => {
    const s = mapStats('lab-1', 'abc', fixture<RawStats>('stats-web-1.json'), Date.now());
    expect(s).toEqual({
      host: 'lab-1',
      id: 'abc',
      time: Date.parse('2026-11-22T06:28:02.719869067Z'),
      cpuTotalNs: 272156434,
      systemCpuNs: 1145020000000,
      onlineCpus: 2,
      memUsageBytes: 974848,
      memLimitBytes: 25276514304,
    });
  });

  it('subtracts inactive page cache from memory usage', () => {
    const s = mapStats(
      'h',
      'i',
      { memory_stats: { usage: 1000, limit: 5000, stats: { inactive_file: 300 } } },
      42,
    );
    expect(s.memUsageBytes).toBe(700);
    expect(s.time).toBe(42);
  });

  it('maps events, preferring timeNano', () => {
    const e = mapEvent('lab-1', {
      Type: 'container',
      Action: 'die',
      Actor: { ID: 'abc', Attributes: { name: 'web-1', exitCode: '137' } },
      time: 1700000000,
      timeNano: 1700000000123000000,
    });
    expect(e).toEqual({
      host: 'lab-1',
      time: 1700000000123,
      timeNano: 1700000000123000000,
      type: 'container',
      action: 'die',
      actorId: 'abc',
      attributes: { name: 'web-1', exitCode: '137' },
    });
    expect(mapEvent('h', { status: 'start', id: 'x', time: 5 })).toMatchObject({
      action: 'start',
      actorId: 'x',
      time: 5000,
    });
  });
});

function readShared(name: string): string {
  // Carried in the repo (test/fixtures/README.md says where each payload came from).
  return readFileSync(join(DOCKER_INFO_FIXTURES_DIR, name), 'utf8');
}
