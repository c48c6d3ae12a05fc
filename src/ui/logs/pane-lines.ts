import type { LogLine } from '../../domain/logs/log-line.js';
import { findMatches, segmentText } from '../../domain/logs/search.js';
import { sourceColorIndex } from '../../domain/logs/source-color.js';
import { expandTabs } from '../../domain/text/sanitize.js';
import { displayWidth, truncateToWidth } from '../../domain/text/width.js';
import type { LogViewSnapshot } from '../../fleet/logs/reader.js';
import type { PaintOptions, Theme, ThemeToken } from '../../theme/index.js';
import { sourceWidth } from './logs-view-model.js';
import type { PaneState, PaneView } from './pane-state.js';

/** A piece of a line and how it is painted. */
interface Run extends PaintOptions {
  text: string;
  fg?: ThemeToken | undefined;
}

const SOURCE_TOKENS: readonly ThemeToken[] = [
  'log.source1',
  'log.source2',
  'log.source3',
  'log.source4',
  'log.source5',
  'log.source6',
];

/** Runs painted through the theme, cut at `width` columns with `…` (like every other screen). */
function paintRuns(runs: readonly Run[], width: number, theme: Theme): string {
  const total = runs.reduce((n, r) => n + displayWidth(r.text), 0);
  let room = total > width ? width - 1 : width;
  let out = '';
  for (const { text, fg, ...options } of runs) {
    if (room <= 0) break;
    const cut = displayWidth(text) > room ? truncateToWidth(text, room, '') : text;
    out += theme.paint(cut, fg, options);
    room -= displayWidth(cut);
  }
  return total > width ? `${out}…` : out;
}

const n = (x: number): string => x.toLocaleString('en-US');

/** Sources and their state, follow/pause, search and filter, and what the buffer had to drop. */
function statusRuns(snap: LogViewSnapshot, s: PaneState, d: PaneView, title: string | undefined): Run[] {
  const count = (state: string): number => snap.sources.filter((x) => x.state === state).length;
  const trouble = ['reconnecting', 'failed', 'ended']
    .filter((state) => count(state) > 0)
    .map((state) => `${count(state)} ${state}`);
  const paused = s.anchor !== undefined;
  const mode = snap.done
    ? 'done'
    : paused
      ? `PAUSED${d.view.below > 0 ? ` +${n(d.view.below)} new` : ''}`
      : 'following';
  const matches = d.matches.length;
  const filter = s.filter && d.re !== undefined;
  const search = s.query
    ? ` · /${s.query}/${s.caseInsensitive ? 'i' : ''} ${n(matches)} match${matches === 1 ? '' : 'es'}${filter ? ' (filter)' : ''}`
    : '';
  const sources = snap.sources.length;
  return [
    { text: title ?? 'logs', bold: true },
    { text: ` · ${sources} source${sources === 1 ? '' : 's'}` },
    ...(trouble.length > 0 ? [{ text: ` (${trouble.join(', ')})`, fg: 'log.notice' as const }] : []),
    { text: ' · ' },
    { text: mode, inverse: paused },
    { text: search },
    ...(snap.dropped > 0
      ? [{ text: ` · ${n(snap.dropped)} lines dropped (too fast to display)`, fg: 'log.stderr' as const }]
      : []),
    ...(snap.trimmed > 0
      ? [
          {
            text: ` · ${n(snap.trimmed)} older lines trimmed (cap ${n(snap.lineCap)})`,
            fg: 'text.dim' as const,
          },
        ]
      : []),
  ];
}

/** One log line on one row: `host/name │ [ts] text`, stderr marked `!`, matches highlighted. */
function rowRuns(line: LogLine, opts: RowOptions, theme: Theme): Run[] {
  const gutter = opts.current ? '›' : ' ';
  if (line.kind === 'notice')
    return [
      { text: `${gutter}── ${line.source ? `${line.source}: ` : ''}${line.text} ──`, fg: 'log.notice' },
    ];
  const text = expandTabs(line.text);
  const segments = opts.search ? segmentText(text, findMatches(text, opts.search)) : [{ text, match: false }];
  const stderr = line.stream === 'stderr';
  const textFg = stderr ? 'log.stderr' : undefined;
  // Without a match colour (mono theme) a match is shown inverse; the current one always is.
  const matchInverse = opts.current || theme.styles['log.match'].color === undefined;
  return [
    { text: gutter },
    {
      text: line.source.padEnd(opts.prefixWidth),
      fg: SOURCE_TOKENS[sourceColorIndex(line.source, SOURCE_TOKENS.length)],
    },
    { text: stderr ? ' ! ' : ' │ ', fg: textFg },
    ...(opts.timestamps && line.ts ? [{ text: `${line.ts} `, fg: 'text.dim' as const }] : []),
    ...segments.map((seg): Run =>
      seg.match ? { text: seg.text, bg: 'log.match', inverse: matchInverse } : { text: seg.text, fg: textFg },
    ),
  ];
}

interface RowOptions {
  prefixWidth: number;
  timestamps: boolean;
  search: RegExp | undefined;
  current: boolean;
}

function footerRuns(s: PaneState, d: PaneView, keysHint: string): Run[] {
  const error = d.search && !d.search.ok ? d.search.error : undefined;
  if (s.typing !== undefined)
    return [
      { text: `/${s.typing}` },
      { text: ' ', inverse: true },
      ...(error ? [{ text: ` ${error}`, fg: 'log.stderr' as const }] : []),
    ];
  if (error) return [{ text: error, fg: 'log.stderr' }];
  if (s.message) return [{ text: s.message, fg: 'log.notice' }];
  return [{ text: keysHint, fg: 'text.dim' }];
}

export interface PaneLinesInput {
  snap: LogViewSnapshot;
  state: PaneState;
  view: PaneView;
  /** Rows of the whole pane: status line, the log lines, the footer. */
  height: number;
  width: number;
  theme: Theme;
  title?: string | undefined;
  keysHint: string;
}

/** The logs pane as painted, fitted lines (drawn through Screen like every view). */
export function paneLines(p: PaneLinesInput): string[] {
  const { snap, state: s, view: d, width, theme } = p;
  const rows = Math.max(1, p.height - 2);
  const prefixWidth = sourceWidth(snap);
  const lines = [paintRuns(statusRuns(snap, s, d, p.title), width, theme)];
  for (const seq of d.view.seqs.slice(0, rows)) {
    const line = snap.line(seq);
    if (!line) continue;
    const opts = { prefixWidth, timestamps: s.timestamps, search: d.re, current: seq === s.current };
    lines.push(paintRuns(rowRuns(line, opts, theme), width, theme));
  }
  while (lines.length < rows + 1) lines.push('');
  lines.push(paintRuns(footerRuns(s, d, p.keysHint), width, theme));
  return lines;
}
