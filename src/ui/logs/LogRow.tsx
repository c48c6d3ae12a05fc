import { Text } from 'ink';
import React, { memo } from 'react';
import type { LogLine } from '../../domain/logs/log-line.js';
import { expandTabs } from '../../domain/text/sanitize.js';
import { findMatches, segmentText } from '../../domain/logs/search.js';
import { sourceColorIndex } from '../../domain/logs/source-color.js';
import type { LogsPaneColors } from './colors.js';

export interface LogRowProps {
  line: LogLine;
  colors: LogsPaneColors;
  prefixWidth: number;
  timestamps: boolean;
  search: RegExp | undefined;
  /** The match n/N moved to: marked in the gutter so it shows without colour too. */
  current: boolean;
}

/** One log line on one row: `host/name │ [ts] text`, stderr marked `!`, matches highlighted. */
export const LogRow = memo(function LogRow({
  line,
  colors,
  prefixWidth,
  timestamps,
  search,
  current,
}: LogRowProps): React.ReactElement {
  const gutter = current ? '›' : ' ';
  if (line.kind === 'notice') {
    return (
      <Text wrap="truncate-end" color={colors.notice}>
        {gutter}── {line.source ? `${line.source}: ` : ''}
        {line.text} ──
      </Text>
    );
  }
  const text = expandTabs(line.text);
  const segments = search ? segmentText(text, findMatches(text, search)) : [{ text, match: false }];
  const sourceColor = colors.sources[sourceColorIndex(line.source, colors.sources.length)];
  const stderr = line.stream === 'stderr';
  return (
    <Text wrap="truncate-end">
      {gutter}
      <Text color={sourceColor}>{line.source.padEnd(prefixWidth)}</Text>
      <Text color={stderr ? colors.stderr : undefined}>{stderr ? ' ! ' : ' │ '}</Text>
      {timestamps && line.ts ? <Text dimColor>{line.ts} </Text> : null}
      {segments.map((s, i) =>
        s.match ? (
          // Without a match colour (mono theme, no colours) a match is shown inverse instead.
          <Text key={i} backgroundColor={colors.match} inverse={current || colors.match === undefined}>
            {s.text}
          </Text>
        ) : (
          <Text key={i} color={stderr ? colors.stderr : undefined}>
            {s.text}
          </Text>
        ),
      )}
    </Text>
  );
});
