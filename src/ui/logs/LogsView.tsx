import { Box } from 'ink';
import React, { useMemo } from 'react';
import type { Theme } from '../../theme/index.js';
import { Lines } from '../components/Lines.js';
import { LogsPane } from './LogsPane.js';
import { logsSavePath } from './save-path.js';
import { logsPaneColors } from './theme-colors.js';
import type { LogsSession } from './useLogsSession.js';

export interface LogsViewProps {
  session: LogsSession;
  /** The dashboard's painted header line and bottom status line, kept around the pane. */
  header: string;
  status: string;
  height: number;
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
  const colors = useMemo(() => logsPaneColors(p.theme), [p.theme]);
  const { title } = p.session;
  return (
    <Box flexDirection="column">
      <Lines lines={[p.header]} />
      <LogsPane
        // A new session is a new pane: search, pause and scroll state do not carry over.
        key={p.session.id}
        reader={p.session.tail}
        colors={colors}
        height={Math.max(3, p.height - 2)}
        savePath={() => logsSavePath(p.saveDir, title, p.now())}
        title={`Logs · ${title}`}
        isActive={p.isActive}
        acceptKeys={p.acceptKeys}
        onPromptChange={p.onPromptChange}
      />
      <Lines lines={[p.status]} />
    </Box>
  );
}
