import { readFile, statfs } from 'node:fs/promises';

/*
 * This machine's filesystems without a child process. systeminformation's fsSize runs
 * `execSync('cat /proc/mounts')` and then `df` on Linux: a synchronous child process every 5 s on
 * the dashboard's one thread, keys waiting meanwhile (~68 ms per 28 s idle here). /proc/mounts is
 * read and each mount statfs'd asynchronously instead (libuv's thread pool), df's own arithmetic.
 */

/** One row as LocalVitalsSource.fsSize gives it (systeminformation's shape). */
export interface FsSizeRow {
  fs: string;
  size: number;
  used: number;
  available: number;
  use: number;
  mount: string;
}

export interface FsReader {
  readMounts(): Promise<string>;
  statfs(path: string): Promise<{ bsize: number; blocks: number; bfree: number; bavail: number }>;
}

const systemReader: FsReader = {
  readMounts: () => readFile('/proc/mounts', 'utf8'),
  statfs: (path) => statfs(path),
};

/** Types backed by storage an operator would watch fill up, even without a /dev/ device. */
const STORAGE_TYPES = new Set([
  'zfs',
  'btrfs',
  'xfs',
  'ext2',
  'ext3',
  'ext4',
  'nfs',
  'nfs4',
  'cifs',
  'fuseblk',
]);

/** /proc/mounts escapes blanks and backslashes as octal (\040, \011, \012, \134). */
const unescapeMount = (s: string): string =>
  s.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8)));

/**
 * The storage mounts of /proc/mounts, each device once (its first mount: bind mounts of the same
 * device repeat its numbers), no pseudo or memory filesystems (proc, cgroup, tmpfs, overlay…).
 */
export function storageMounts(procMounts: string): Array<{ device: string; mount: string }> {
  const seen = new Set<string>();
  const out: Array<{ device: string; mount: string }> = [];
  for (const line of procMounts.split('\n')) {
    const [device, mount, type] = line.split(' ');
    if (!device || !mount || !type) continue;
    if (!device.startsWith('/dev/') && !STORAGE_TYPES.has(type)) continue;
    if (seen.has(device)) continue;
    seen.add(device);
    out.push({ device: unescapeMount(device), mount: unescapeMount(mount) });
  }
  return out;
}

/** Like `df -k`: size, used (size − free), available to users, use% = used / (used + available). */
export async function linuxFsSize(reader: FsReader = systemReader): Promise<FsSizeRow[]> {
  const mounts = storageMounts(await reader.readMounts());
  const rows = await Promise.all(
    mounts.map(async ({ device, mount }): Promise<FsSizeRow | undefined> => {
      try {
        const s = await reader.statfs(mount);
        const size = s.blocks * s.bsize;
        const used = (s.blocks - s.bfree) * s.bsize;
        const available = s.bavail * s.bsize;
        const use = used + available > 0 ? (used / (used + available)) * 100 : 0;
        return { fs: device, size, used, available, use, mount };
      } catch {
        return undefined; // gone meanwhile, or not ours to read (a stale NFS mount answers later)
      }
    }),
  );
  return rows.filter((r): r is FsSizeRow => r !== undefined && r.size > 0);
}
