import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { formatLogLineText } from '../../domain/logs/format.js';
import type { LogLine } from '../../domain/logs/log-line.js';

/**
 * Writes lines as `host/name | text`, creating the directory first (the data dir may not exist yet);
 * the error names the file and what to check.
 */
export async function saveLogLines(
  path: string,
  lines: readonly LogLine[],
  opts: { timestamps: boolean },
): Promise<number> {
  const width = lines.reduce((w, l) => Math.max(w, l.source.length), 0);
  const text = lines
    .map((l) => formatLogLineText(l, { timestamps: opts.timestamps, prefixWidth: width }))
    .join('\n');
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, lines.length > 0 ? `${text}\n` : '', 'utf8');
  } catch (err) {
    throw new Error(
      `could not save logs to ${path}: ${(err as Error).message} — check that the directory exists and is writable`,
      { cause: err },
    );
  }
  return lines.length;
}
