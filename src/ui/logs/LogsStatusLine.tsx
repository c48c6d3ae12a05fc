import { Text } from 'ink';
import React from 'react';
import type { LogViewSnapshot } from '../../fleet/logs/reader.js';
import type { LogsPaneColors } from './colors.js';

export interface LogsStatusLineProps {
  snap: LogViewSnapshot;
  colors: LogsPaneColors;
  title?: string;
  paused: boolean;
  newBelow: number;
  filter: boolean;
  query: string;
  caseInsensitive: boolean;
  matchCount: number;
}

const n = (x: number): string => x.toLocaleString('en-US');

/** Sources and their state, follow/pause, search and filter, and what the buffer had to drop. */
export function LogsStatusLine(p: LogsStatusLineProps): React.ReactElement {
  const { snap } = p;
  const count = (state: string): number => snap.sources.filter((s) => s.state === state).length;
  const trouble = [
    count('reconnecting') > 0 ? `${count('reconnecting')} reconnecting` : '',
    count('failed') > 0 ? `${count('failed')} failed` : '',
    count('ended') > 0 ? `${count('ended')} ended` : '',
  ].filter(Boolean);
  const mode = snap.done
    ? 'done'
    : p.paused
      ? `PAUSED${p.newBelow > 0 ? ` +${n(p.newBelow)} new` : ''}`
      : 'following';
  const search = p.query
    ? ` · /${p.query}/${p.caseInsensitive ? 'i' : ''} ${n(p.matchCount)} match${p.matchCount === 1 ? '' : 'es'}${p.filter ? ' (filter)' : ''}`
    : '';
  return (
    <Text wrap="truncate-end">
      <Text bold>{p.title ?? 'logs'}</Text> · {snap.sources.length} source
      {snap.sources.length === 1 ? '' : 's'}
      {trouble.length > 0 ? <Text color={p.colors.notice}> ({trouble.join(', ')})</Text> : null} ·{' '}
      <Text inverse={p.paused}>{mode}</Text>
      {search}
      {snap.dropped > 0 ? (
        <Text color={p.colors.stderr}> · {n(snap.dropped)} lines dropped (too fast to display)</Text>
      ) : null}
      {snap.trimmed > 0 ? (
        <Text dimColor>
          {' '}
          · {n(snap.trimmed)} older lines trimmed (cap {n(snap.lineCap)})
        </Text>
      ) : null}
    </Text>
  );
}
