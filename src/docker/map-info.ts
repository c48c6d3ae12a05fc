import type { EngineKind } from '../domain/engine.js';
import type { DockerInfo, SystemDf, SystemDfEntry } from '../domain/info.js';
import type { RawDf, RawInfo, RawVersion } from './api-types.js';

const CONTAINERD_SNAPSHOTTER = 'io.containerd.snapshotter.v1';

/**
 * Which engine wrote an /info answer. Podman's compat /info carries BuildahVersion and Rootless,
 * fields Docker's never had; its ServerVersion is Podman's own version (4.3.1), not Docker's.
 */
export function engineOfInfo(raw: RawInfo): EngineKind {
  return typeof raw.BuildahVersion === 'string' || typeof raw.Rootless === 'boolean' ? 'podman' : 'docker';
}

/** Which engine wrote a /version answer: Podman lists a `Podman Engine` component (Docker: `Engine`). */
export function engineOfVersion(raw: RawVersion): EngineKind {
  const podman = (raw.Components ?? []).some((c) => /^podman\b/i.test(c.Name ?? ''));
  return podman || /podman/i.test(raw.Platform?.Name ?? '') ? 'podman' : 'docker';
}

/** GET /info as DockerInfo. */
export function mapInfo(raw: RawInfo): DockerInfo {
  const engine = engineOfInfo(raw);
  const driverStatus = (raw.DriverStatus ?? []).map(([k, v]) => [String(k), String(v)] as [string, string]);
  const snapshotter = driverStatus.some(([k, v]) => k === 'driver-type' && v === CONTAINERD_SNAPSHOTTER);
  return {
    engine,
    serverVersion: raw.ServerVersion ?? '',
    driver: raw.Driver ?? '',
    driverStatus,
    dockerRootDir: raw.DockerRootDir ?? '',
    containers: raw.Containers ?? 0,
    containersRunning: raw.ContainersRunning ?? 0,
    images: raw.Images ?? 0,
    ...(raw.OperatingSystem ? { os: raw.OperatingSystem } : {}),
    ...(raw.KernelVersion ? { kernelVersion: raw.KernelVersion } : {}),
    ...(raw.Architecture ? { arch: raw.Architecture } : {}),
    ...(snapshotter ? { containerdSnapshotter: true } : {}),
    ...(raw.Swarm?.LocalNodeState
      ? {
          swarm: {
            state: raw.Swarm.LocalNodeState,
            isManager: raw.Swarm.ControlAvailable ?? false,
            ...(raw.Swarm.NodeID ? { nodeId: raw.Swarm.NodeID } : {}),
          },
        }
      : {}),
  };
}

const known = (n: number | undefined): number => (n === undefined || n < 0 ? 0 : n);

/**
 * Podman's compat /system/df sends `LayersSize: 0` and `SharedSize: 0` whatever its images hold;
 * `podman system df` totals each image's Size instead. Docker with any image has LayersSize > 0.
 */
function podmanStyleDf(raw: RawDf): boolean {
  return known(raw.LayersSize) === 0 && (raw.Images ?? []).some((i) => known(i.Size) > 0);
}

/**
 * GET /system/df reduced as the engine's own CLI does: `docker system df` (LayersSize, minus what
 * images in use hold on their own), or `podman system df` (sum of image sizes, minus those in use).
 */
export function mapSystemDf(raw: RawDf): SystemDf {
  const images = raw.Images ?? [];
  const podman = podmanStyleDf(raw);
  const imagesSize = podman ? images.reduce((sum, i) => sum + known(i.Size), 0) : known(raw.LayersSize);
  const imagesInUse = images.filter((i) => (i.Containers ?? 0) > 0);
  const usedByImages = imagesInUse
    .filter((i) => (i.Size ?? -1) >= 0 && (i.SharedSize ?? -1) >= 0)
    .reduce((sum, i) => sum + known(i.Size) - known(i.SharedSize), 0);

  const containers = raw.Containers ?? [];
  const running = containers.filter((c) => c.State === 'running');
  const sizeRw = (list: typeof containers): number => list.reduce((s, c) => s + known(c.SizeRw), 0);

  const volumes = raw.Volumes ?? [];
  const volSize = (v: (typeof volumes)[number]): number => known(v.UsageData?.Size);
  const volumesInUse = volumes.filter((v) => (v.UsageData?.RefCount ?? 0) > 0);

  const cache = (raw.BuildCache ?? []).filter((b) => !b.Shared);
  const entry = (
    count: number,
    active: number,
    sizeBytes: number,
    reclaimableBytes: number,
  ): SystemDfEntry => ({
    count,
    active,
    sizeBytes,
    reclaimableBytes: Math.max(0, reclaimableBytes),
  });
  return {
    images: entry(images.length, imagesInUse.length, imagesSize, imagesSize - usedByImages),
    containers: entry(
      containers.length,
      running.length,
      sizeRw(containers),
      sizeRw(containers) - sizeRw(running),
    ),
    volumes: entry(
      volumes.length,
      volumesInUse.length,
      volumes.reduce((s, v) => s + volSize(v), 0),
      volumes.filter((v) => (v.UsageData?.RefCount ?? 0) === 0).reduce((s, v) => s + volSize(v), 0),
    ),
    buildCache: entry(
      (raw.BuildCache ?? []).length,
      cache.filter((b) => b.InUse).length,
      cache.reduce((s, b) => s + known(b.Size), 0),
      cache.filter((b) => !b.InUse).reduce((s, b) => s + known(b.Size), 0),
    ),
  };
}
