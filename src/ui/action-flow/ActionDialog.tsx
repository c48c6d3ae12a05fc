import type { Theme } from '../../theme/index.js';
import { Screen } from '../components/Screen.js';
import { fit } from '../presenters/format.js';
import { dialogHint, dialogLines } from './dialog-lines.js';
import type { FlowState } from './flow-state.js';

export interface ActionDialogProps {
  state: FlowState;
  /** The dashboard's header line, kept on top so the fleet's state stays in sight. */
  header: string;
  width: number;
  /** Rows available for the whole screen. */
  height: number;
  theme: Theme;
  /** The clock's time: progress bars' elapsed time moves between readings. */
  now?: number | undefined;
}

/** A mutating action in progress: its plan and confirmation, then its progress and result. */
export function ActionDialog({ state, header, width, height, theme, now }: ActionDialogProps) {
  const bodyHeight = Math.max(1, height - 2);
  const lines = [header, ...dialogLines(state, width, bodyHeight, theme, now)];
  while (lines.length < height - 1) lines.push('');
  lines.push(theme.paint(fit(dialogHint(state), width), 'text.dim'));
  return <Screen lines={lines.slice(0, height)} />;
}
