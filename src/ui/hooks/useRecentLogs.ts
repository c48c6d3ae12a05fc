import { useEffect, useRef, useState } from 'react';
import type { Container } from '../../domain/container.js';
import type { LogLine } from '../../domain/logs/log-line.js';
import type { ReadRecentLogs } from '../../fleet/logs/reader.js';

export type RecentLogsState =
  | { status: 'unavailable' }
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'ok'; key: string; lines: readonly LogLine[] }
  | { status: 'error'; message: string };

/**
 * The last `count` lines of one container, read once when it is opened and again when `revision`
 * changes (it restarted, stopped…); answers for a container no longer shown are dropped.
 */
export function useRecentLogs(
  read: ReadRecentLogs | undefined,
  container: Container | undefined,
  count: number,
  revision: string,
): RecentLogsState {
  const [state, setState] = useState<RecentLogsState>({ status: 'idle' });
  // The list hands a new object on every change: host and id say which container it is.
  const latest = useRef(container);
  latest.current = container;
  const key = container ? `${container.host}/${container.id}` : undefined;
  useEffect(() => {
    const target = latest.current;
    if (!read) return setState({ status: 'unavailable' });
    if (!key || !target) return setState({ status: 'idle' });
    let current = true;
    // The same container read again keeps its lines meanwhile: no flicker to "reading…".
    setState((s) => (s.status === 'ok' && s.key === key ? s : { status: 'loading' }));
    read(target, count).then(
      (lines) => {
        if (current) setState({ status: 'ok', key, lines });
      },
      (error: unknown) => {
        if (current)
          setState({ status: 'error', message: error instanceof Error ? error.message : String(error) });
      },
    );
    return () => {
      current = false;
    };
  }, [read, key, count, revision]);
  return state;
}
