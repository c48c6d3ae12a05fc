import { formatBytes, formatPercent } from '../format/index.js';
import { parseByteSize } from './bytes.js';
import { filesystemFindings } from './filesystem.js';
import { levelForPercent } from './levels.js';
import type { BtrfsChunkUsage, BtrfsUsage, DfRow, Finding, UsageThresholds } from './types.js';

type OverallSizeField =
  | 'deviceSizeBytes'
  | 'deviceAllocatedBytes'
  | 'deviceUnallocatedBytes'
  | 'usedBytes'
  | 'freeEstimatedBytes'
  | 'freeStatfsBytes'
  | 'globalReserveBytes';

const OVERALL_SIZES: Readonly<Record<string, OverallSizeField>> = {
  'device size': 'deviceSizeBytes',
  'device allocated': 'deviceAllocatedBytes',
  'device unallocated': 'deviceUnallocatedBytes',
  used: 'usedBytes',
  'free (estimated)': 'freeEstimatedBytes',
  'free (statfs, df)': 'freeStatfsBytes',
  'global reserve': 'globalReserveBytes',
};
const OVERALL_RATIOS: Readonly<Record<string, 'dataRatio' | 'metadataRatio'>> = {
  'data ratio': 'dataRatio',
  'metadata ratio': 'metadataRatio',
};

const OVERALL_LINE = /^\s+([A-Za-z][^:]*):\s+(\S+)/;
const CHUNK_LINE = /^([A-Za-z+]+),([^:]+):\s*Size:\s*([^,\s]+),\s*Used:\s*([^\s(]+)/;

/**
 * Reads `btrfs filesystem usage -b <path>` (also without `-b`: sizes like `1.17GiB` parse too).
 * Values the tool did not print (e.g. per-chunk details when not run as root) stay undefined.
 */
export function parseBtrfsUsage(text: string): BtrfsUsage {
  const usage: BtrfsUsage = {};
  let section = '';
  for (const line of text.split('\n')) {
    if (/^Overall:/.test(line)) {
      section = 'overall';
      continue;
    }
    const chunk = CHUNK_LINE.exec(line);
    if (chunk) {
      section = 'chunk';
      const [, type = '', profile = '', size, used] = chunk;
      const sizeBytes = parseByteSize(size);
      const usedBytes = parseByteSize(used);
      if (sizeBytes === undefined || usedBytes === undefined) continue;
      const c: BtrfsChunkUsage = { profile: profile.trim(), sizeBytes, usedBytes };
      // Mixed block groups (small filesystems) print `Data+Metadata`: one pool serves both.
      for (const part of type.split('+')) {
        if (part === 'Data') usage.data = c;
        else if (part === 'Metadata') usage.metadata = c;
        else if (part === 'System') usage.system = c;
      }
      continue;
    }
    if (/^\S/.test(line)) {
      section = line.trim();
      continue;
    }
    if (section !== 'overall') continue;
    const m = OVERALL_LINE.exec(line);
    if (!m) continue;
    const key = (m[1] ?? '').trim().toLowerCase();
    const value = m[2] ?? '';
    const sizeField = OVERALL_SIZES[key];
    if (sizeField) {
      const bytes = parseByteSize(value);
      if (bytes !== undefined) usage[sizeField] = bytes;
    }
    const ratioField = OVERALL_RATIOS[key];
    if (ratioField && Number.isFinite(Number(value))) usage[ratioField] = Number(value);
  }
  return usage;
}

const MAX_METADATA_CHUNK = 256 * 2 ** 20;

/**
 * Room a new metadata chunk needs: btrfs allocates at most 256 MiB (10% of the device on small
 * filesystems) per chunk, times the metadata ratio (DUP writes it twice).
 */
function metadataChunkNeed(u: BtrfsUsage): number | undefined {
  if (u.deviceSizeBytes === undefined) return undefined;
  return Math.min(MAX_METADATA_CHUNK, u.deviceSizeBytes * 0.1) * (u.metadataRatio ?? 1);
}

function metadataFindings(
  host: string,
  root: string,
  u: BtrfsUsage,
  t: UsageThresholds,
  df?: DfRow,
): Finding[] {
  const meta = u.metadata;
  const unallocated = u.deviceUnallocatedBytes;
  const need = metadataChunkNeed(u);
  if (!meta || meta.sizeBytes <= 0 || unallocated === undefined || need === undefined) return [];
  // The global reserve is carved out of metadata: metadata is full before Used reaches Size.
  const reserve = u.globalReserveBytes ?? 0;
  const fullPercent = ((meta.usedBytes + reserve) / meta.sizeBytes) * 100;
  const level = levelForPercent(fullPercent, t);
  if (unallocated >= need || level === 'ok') return [];
  const dfFree = df?.availableBytes ?? u.freeStatfsBytes;
  const dfShows = dfFree === undefined ? '' : ` even though df shows ${formatBytes(dfFree)} free`;
  return [
    {
      level,
      message:
        `${host}: btrfs metadata holding ${root} is ${formatPercent(fullPercent)} full (incl. the ` +
        `${formatBytes(reserve)} global reserve) and only ${formatBytes(unallocated)} is unallocated for new ` +
        `metadata chunks — writes ${level === 'crit' ? 'fail' : 'will soon fail'} with "no space left on device"${dfShows}; ` +
        `run \`btrfs balance start -dusage=50 ${root}\` to return half-empty data chunks, then prune images`,
    },
  ];
}

/** Percent of data space in use, counting unallocated space as still available to data. */
function dataFullPercent(u: BtrfsUsage): number | undefined {
  const used = u.data?.usedBytes;
  const free = u.freeEstimatedBytes;
  if (used === undefined || free === undefined || used + free <= 0) return undefined;
  return (used / (used + free)) * 100;
}

/** Findings for the btrfs filesystem holding the data root. */
export function assessBtrfs(
  host: string,
  root: string,
  u: BtrfsUsage | undefined,
  df: DfRow | undefined,
  t: UsageThresholds,
): Finding[] {
  const findings: Finding[] = [];
  const dataPercent = u ? dataFullPercent(u) : undefined;
  if (u && dataPercent !== undefined && u.freeEstimatedBytes !== undefined) {
    const level = levelForPercent(dataPercent, t);
    const summary =
      `${host}: btrfs filesystem holding ${root} is ${formatPercent(dataPercent)} full ` +
      `(${formatBytes(u.freeEstimatedBytes)} free, ${formatBytes(u.deviceUnallocatedBytes ?? 0)} unallocated)`;
    findings.push({
      level,
      message:
        level === 'ok'
          ? summary
          : `${summary} — prune unused images, containers and build cache (docker system prune) or grow the filesystem`,
    });
  } else if (df) {
    findings.push(...filesystemFindings(host, root, df, t));
  }
  if (u) findings.push(...metadataFindings(host, root, u, t, df));
  return findings;
}
