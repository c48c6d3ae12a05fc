import type { LogLine } from './log-line.js';

export interface TextFormatOptions {
  timestamps: boolean;
  /** Width the source prefix is padded to, so columns line up. */
  prefixWidth?: number;
}

/** `host/name | text`; stderr lines use `!` instead of `|`; notices are `-- text --`. */
export function formatLogLineText(line: LogLine, opts: TextFormatOptions): string {
  if (line.kind === 'notice') return `-- ${line.source ? `${line.source}: ` : ''}${line.text} --`;
  const prefix = line.source.padEnd(opts.prefixWidth ?? 0);
  const mark = line.stream === 'stderr' ? '!' : '|';
  const ts = opts.timestamps && line.ts ? `${line.ts} ` : '';
  return `${prefix} ${mark} ${ts}${line.text}`;
}

/** One JSON object per line for `--json`. */
export function formatLogLineJson(line: LogLine): string {
  const slash = line.source.indexOf('/');
  return JSON.stringify({
    type: line.kind,
    host: slash === -1 ? line.source : line.source.slice(0, slash),
    container: slash === -1 ? '' : line.source.slice(slash + 1),
    stream: line.stream,
    time: line.ts || null,
    text: line.text,
  });
}
