import type { DockerInfo, SystemDf, SystemDfEntry } from '../domain/info.js';
import type { RawDf, RawInfo } from './api-types.js';

const CONTAINERD_SNAPSHOTTER = 'io.containerd.snapshotter.v1';

/** GET /info as DockerInfo. */
export function mapInfo(raw: RawInfo): DockerInfo {
  const driverStatus = (raw.DriverStatus ?? []).map(([k, v]) => [String(k), String(v)] as [string, string]);
  const snapshotter = driverStatus.some(([k, v]) => k === 'driver-type' && v === CONTAINERD_SNAPSHOTTER);
  return {
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
      ? { swarm: { state: raw.Swarm.LocalNodeState, isManager: raw.Swarm.ControlAvailable ?? false } }
      : {}),
  };
}

const known = (n: number | undefined): number => (n === undefined || n < 0 ? 0 : n);

/** GET /system/df reduced as `docker system df` does (same active/reclaimable rules). */
export function mapSystemDf(raw: RawDf): SystemDf {
  const images = raw.Images ?? [];
  const imagesSize = known(raw.LayersSize);
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
