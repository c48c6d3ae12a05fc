import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { RawContainer, RawDf, RawInfo, RawInspect, RawVersion } from '../../../src/docker/api-types.js';
import { mapContainer } from '../../../src/docker/map-container.js';
import { mapDetails } from '../../../src/docker/map-details.js';
import { engineOfInfo, engineOfVersion, mapInfo, mapSystemDf } from '../../../src/docker/map-info.js';
import { summariseDiskUsage } from '../../../src/domain/health/disk-usage.js';
import { assessStorage } from '../../../src/domain/health/storage.js';
import { DEFAULT_USAGE_THRESHOLDS } from '../../../src/domain/health/types.js';
import { engineLabel } from '../../../src/domain/engine.js';

/** Answers of a real `podman system service` 4.3.1 (Debian 12): see test/fixtures/podman/README.md. */
function podman<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../../fixtures/podman/${name}`, import.meta.url), 'utf8')) as T;
}
/** The same calls recorded off a lab dockerd 20.10 (test/fixtures/docker-api). */
function docker<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../../fixtures/docker-api/${name}`, import.meta.url), 'utf8')) as T;
}

describe('engine detection', () => {
  it('tells Podman from Docker by /info', () => {
    expect(engineOfInfo(podman<RawInfo>('info.json'))).toBe('podman');
    expect(engineOfInfo(docker<RawInfo>('info.json'))).toBe('docker');
  });

  it('tells Podman from Docker by /version components', () => {
    expect(engineOfVersion(podman<RawVersion>('version.json'))).toBe('podman');
    expect(engineOfVersion(docker<RawVersion>('version.json'))).toBe('docker');
    expect(engineOfVersion({})).toBe('docker');
  });

  it('labels the engine with its own version', () => {
    const info = mapInfo(podman<RawInfo>('info.json'));
    expect(info).toMatchObject({ engine: 'podman', serverVersion: '4.3.1', driver: 'overlay' });
    expect(engineLabel(info)).toBe('Podman 4.3.1');
    expect(engineLabel(mapInfo(docker<RawInfo>('info.json')))).toBe('Docker 20.10.24+dfsg1');
    expect(engineLabel({ serverVersion: '24.0.7' })).toBe('Docker 24.0.7');
    expect(engineLabel(undefined)).toBe('-');
  });
});

describe('Podman payloads', () => {
  it('reads the container list: names, roles, states, exit codes', () => {
    const list = podman<RawContainer[]>('containers.json').map((c) => mapContainer('lab-podman', c));
    expect(list.map((c) => [c.name, c.role, c.state, c.exitCode]).sort()).toEqual([
      ['cron', 'cron', 'running', undefined],
      ['failed', 'failed', 'exited', 3],
      ['web-1', 'web', 'running', undefined],
      ['web-2', 'web', 'running', undefined],
      ['worker-1', 'worker', 'running', undefined],
    ]);
  });

  it('reads inspect: Podman gives the stop signal as a number and 0 for an unset timeout', () => {
    const d = mapDetails('lab-podman', podman<RawInspect>('inspect-web-1.json'));
    expect(d).toMatchObject({ name: 'web-1', role: 'web', state: 'running' });
    expect(d.stopTimeout).toBe(0);
  });

  it('computes df as `podman system df` does (Podman sends LayersSize 0)', () => {
    const df = mapSystemDf(podman<RawDf>('system-df.json'));
    // `podman system df` on that host: Images 2 1 4.262MB 2.131MB (50%); Containers 5 4 60B 12B.
    expect(df.images).toEqual({ count: 2, active: 1, sizeBytes: 4_262_198, reclaimableBytes: 2_131_099 });
    expect(df.containers).toEqual({ count: 5, active: 4, sizeBytes: 60, reclaimableBytes: 12 });
    expect(df.volumes.count).toBe(0);
  });

  it('judges Podman overlay storage as it is: ok, with Podman advice', () => {
    const info = mapInfo(podman<RawInfo>('info.json'));
    const diskUsage = summariseDiskUsage(mapSystemDf(podman<RawDf>('system-df.json')));
    const h = assessStorage('lab-podman', info, { diskUsage, unread: [] }, DEFAULT_USAGE_THRESHOLDS, 0);
    expect(h.verdict).toBe('ok');
    expect(h.detail).toMatchObject({
      kind: 'overlay',
      status: { backingFilesystem: 'extfs', supportsDType: true },
    });
    expect(h.findings.map((f) => f.message)).toEqual([
      'lab-podman: 2.13 MB reclaimable (images 2.13 MB, containers 12 B) — podman system prune frees unused data',
    ]);
  });

  it('vfs on Podman is advice, not a warning, and names storage.conf', () => {
    const info = { ...mapInfo(podman<RawInfo>('info.json')), driver: 'vfs', driverStatus: [] };
    const h = assessStorage('p', info, { unread: [] }, DEFAULT_USAGE_THRESHOLDS, 0);
    expect(h.verdict).toBe('ok');
    expect(h.findings[0]?.message).toMatch(/^p: vfs copies every image layer.*storage\.conf/);
  });

  it('overlay without d_type on Podman is crit, worded for Podman', () => {
    const raw = podman<RawInfo>('info.json');
    const info = mapInfo({
      ...raw,
      DriverStatus: [
        ['Backing Filesystem', 'xfs'],
        ['Supports d_type', 'false'],
      ],
    });
    const h = assessStorage('p', info, { unread: [] }, DEFAULT_USAGE_THRESHOLDS, 0);
    expect(h.verdict).toBe('crit');
    expect(h.findings[0]?.message).toContain('Podman falls back');
    expect(h.findings[0]?.message).not.toContain('Docker');
  });
});
