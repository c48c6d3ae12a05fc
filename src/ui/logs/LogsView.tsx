import React from 'react';
import type { Theme } from '../../theme/index.js';
import { Screen } from '../components/Screen.js';
import { useLogsPane } from './LogsPane.js';
import { logsSavePath } from './save-path.js';
import type { LogsSession } from './useLogsSession.js';

export interface LogsViewProps {
  session: LogsSession;
  /** The dashboard's painted header line and bottom status line, kept around the pane. */
  header: string;
  status: string;
  height: number;
  width: number;
  theme: Theme;
  /** Where `w` saves (the data dir, else the working directory). */
  saveDir: string;
  now: () => number;
  isActive: boolean;
  acceptKeys: () => boolean;
  onPromptChange: (open: boolean) => void;
}

/** The dashboard's Logs view: header, the logs pane of the open session, status line. */
export function LogsView(p: LogsViewProps): React.ReactElement {
  // A new session is a new pane: search, pause and scroll state do not carry over.
  return <SessionPane key={p.session.id} {...p} />;
}

function SessionPane(p: LogsViewProps): React.ReactElement {
  const { title } = p.session;
  const pane = useLogsPane({
    reader: p.session.tail,
    theme: p.theme,
    height: Math.max(3, p.height - 2),
    width: p.width,
    savePath: () => logsSavePath(p.saveDir, title, p.now()),
    title: `Logs · ${title}`,
    isActive: p.isActive,
    acceptKeys: p.acceptKeys,
    onPromptChange: p.onPromptChange,
  });
  return <Screen lines={[p.header, ...pane, p.status]} />;
}
