import type { Theme } from '../../../theme/index.js';
import { fit } from '../../presenters/format.js';
import type { Figure, StorageBlock } from './present.js';

const LABEL_WIDTH = 14;
const MARK = { ok: '✓', warn: '!', crit: '✗', unknown: '?' } as const;

function figureLine(
  label: string,
  value: string,
  width: number,
  theme: Theme,
  tone = 'text.primary' as const,
) {
  return (
    theme.paint(fit(`    ${label}`, LABEL_WIDTH + 4), 'text.dim') +
    theme.paint(fit(value, Math.max(1, width - LABEL_WIDTH - 4)), tone)
  );
}

function figures(list: readonly Figure[], width: number, theme: Theme): string[] {
  return list.map(([label, value]) => figureLine(label, value, width, theme));
}

/** The Storage view as lines: per host a title with its verdict, then figures, findings, what was unread, system df. */
export function storageLines(blocks: readonly StorageBlock[], width: number, theme: Theme): string[] {
  if (blocks.length === 0) return [theme.paint(fit('  no hosts match', width), 'text.dim')];
  const lines: string[] = [];
  for (const b of blocks) {
    const title = `── ${MARK[b.verdict]} ${b.host}  ${b.driver}  ${b.verdict.toUpperCase()}  · ${b.checked} `;
    lines.push(theme.paint(fit(title, width), b.tone, { bold: true }));
    lines.push(...figures(b.figures, width, theme));
    for (const f of b.findings) lines.push(theme.paint(fit(`    • ${f.text}`, width), f.tone));
    for (const u of b.unread) lines.push(theme.paint(fit(`    could not read ${u}`, width), 'status.warn'));
    if (b.vitals.length > 0) {
      lines.push(theme.paint(fit('    host', width), 'accent'));
      lines.push(...b.vitals.map(([label, value]) => figureLine(`  ${label}`, value, width, theme)));
    }
    if (b.diskUsage.length > 0) {
      lines.push(theme.paint(fit('    system df', width), 'accent'));
      lines.push(...b.diskUsage.map(([label, value]) => figureLine(`  ${label}`, value, width, theme)));
    }
  }
  return lines;
}
