import { useCallback, useEffect, useRef, useState } from 'react';
import type { ClosableLogTail, OpenLogTail } from '../../fleet/logs/reader.js';
import type { LogsRequest } from './log-request.js';

export interface LogsSession {
  /** Distinct per opening, so a reopened view starts fresh. */
  id: number;
  title: string;
  tail: ClosableLogTail;
}

export interface LogsSessionControl {
  session: LogsSession | undefined;
  /** Opens the streams of a request (closing any previous ones); false when no opener was given. */
  open(request: LogsRequest): boolean;
  /** Whether the logs pane's search prompt is open: then every key is the pane's. */
  promptOpen(): boolean;
  setPromptOpen(open: boolean): void;
}

/**
 * The dashboard's one logs session. The streams live exactly as long as the Logs view is on screen
 * or under a view opened from it (help): once `keep` turns false, or the dashboard unmounts, the
 * tail is closed, and with it its SSH channels.
 */
export function useLogsSession(openLogTail: OpenLogTail | undefined, keep: boolean): LogsSessionControl {
  const [session, setSession] = useState<LogsSession>();
  const current = useRef<LogsSession | undefined>(undefined);
  const prompt = useRef(false);

  const replace = useCallback((next: LogsSession | undefined) => {
    current.current?.tail.close();
    current.current = next;
    prompt.current = false;
    setSession(next);
  }, []);

  const open = useCallback(
    (request: LogsRequest): boolean => {
      if (!openLogTail) return false;
      const id = (current.current?.id ?? 0) + 1;
      replace({ id, title: request.title, tail: openLogTail(request.containers, request.services) });
      return true;
    },
    [openLogTail, replace],
  );

  useEffect(() => {
    if (!keep && current.current) replace(undefined);
  }, [keep, session, replace]);
  useEffect(() => () => current.current?.tail.close(), []);

  return {
    session,
    open,
    promptOpen: () => prompt.current,
    setPromptOpen: (v) => {
      prompt.current = v;
    },
  };
}
