import { join } from 'node:path';

/**
 * Where `w` saves: `<dir>/fleetdeck-logs-<what>-<YYYYMMDD-HHMMSS>Z.log` (UTC), a new file per save so a
 * second save never overwrites the first. `what` is the view's title made safe for a file name.
 */
export function logsSavePath(dir: string, title: string, nowMs: number): string {
  const what =
    title
      .replace(/\(.*?\)/g, '')
      .replace(/[^A-Za-z0-9._-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'logs';
  const t = new Date(nowMs).toISOString();
  const stamp = `${t.slice(0, 10).replace(/-/g, '')}-${t.slice(11, 19).replace(/:/g, '')}`;
  return join(dir, `fleetdeck-logs-${what}-${stamp}Z.log`);
}
