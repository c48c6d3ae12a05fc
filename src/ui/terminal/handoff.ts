import { PassThrough } from 'node:stream';
import type { ShellTerminal, TerminalHandoff } from '../shell/types.js';
import type { FrameWriter } from './frame-writer.js';
import type { InputGate } from './input-gate.js';
import { ENTER_ALT_SCREEN, HIDE_CURSOR, LEAVE_ALT_SCREEN, RESET_STYLE, SHOW_CURSOR } from './screen-modes.js';

export interface HandoffDeps {
  stdout: NodeJS.WriteStream;
  frames: Pick<FrameWriter, 'suspend' | 'resume'>;
  gate: InputGate;
}

/**
 * The real terminal handed to a shell and back. Taking it: frames stop (kept for later), the normal
 * screen with a visible cursor, the keys diverted to the shell (raw mode stays on: the shell wants
 * it too). Giving it back: the alternate screen, hidden cursor, the latest frame painted whole.
 */
export function terminalHandoff({ stdout, frames, gate }: HandoffDeps): TerminalHandoff {
  let release: (() => void) | undefined;
  return {
    take(): ShellTerminal {
      if (release) throw new Error('the terminal is already handed to a shell');
      frames.suspend();
      stdout.write(RESET_STYLE + LEAVE_ALT_SCREEN + SHOW_CURSOR);
      const stdin = new PassThrough();
      const undivert = gate.divert((chunk) => stdin.write(chunk));
      release = () => {
        undivert();
        stdin.end();
      };
      return {
        stdin,
        stdout,
        size: () => (stdout.columns > 0 ? { rows: stdout.rows, columns: stdout.columns } : undefined),
        onResize: (listener) => {
          stdout.on('resize', listener);
          return () => void stdout.off('resize', listener);
        },
      };
    },
    giveBack(): void {
      if (!release) return;
      release();
      release = undefined;
      stdout.write(RESET_STYLE + ENTER_ALT_SCREEN + HIDE_CURSOR);
      frames.resume();
    },
  };
}
