import { nonEmpty, parseBoolText, rowsByLabel } from './driver-status.js';
import type { EngineKind } from '../engine.js';
import type { Finding, OverlayStatus } from './types.js';

/** Reads overlay2/overlay/fuse-overlayfs DriverStatus rows by label. */
export function parseOverlayStatus(rows: ReadonlyArray<readonly [string, string]>): OverlayStatus {
  const row = rowsByLabel(rows);
  return {
    backingFilesystem: nonEmpty(row('Backing Filesystem')),
    supportsDType: parseBoolText(row('Supports d_type')),
    nativeOverlayDiff: parseBoolText(row('Native Overlay Diff')),
    userxattr: parseBoolText(row('userxattr')),
  };
}

/** Findings the daemon's own rows allow; free space is judged separately from df. */
export function assessOverlay(
  host: string,
  driver: string,
  root: string,
  s: OverlayStatus,
  engine: EngineKind = 'docker',
): Finding[] {
  if (s.supportsDType !== false) return [];
  const refuses =
    engine === 'podman'
      ? 'Podman falls back to another driver on it'
      : 'current Docker refuses to start on it';
  return [
    {
      level: 'crit',
      message:
        `${host}: ${driver} on ${s.backingFilesystem ?? 'the backing filesystem'} of ${root} does not support d_type — ` +
        `files in containers can go missing or become undeletable, and ${refuses}; ` +
        'move the data root to xfs formatted with ftype=1, or ext4',
    },
  ];
}
