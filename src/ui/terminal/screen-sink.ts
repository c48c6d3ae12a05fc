import { createContext } from 'react';

/**
 * Takes whole screens of painted, fitted lines straight to the terminal writer. Ink lays text out
 * cell by cell (an object per character, the ANSI codes tokenized and re-serialised) on every
 * frame: for a full 120×40 screen that is most of the CPU a key press costs. Views that already
 * produce their screen as lines skip it through this.
 */
export interface ScreenSink {
  /** The screen is now these lines (row 0 first); written when the frame rate allows. */
  showScreen(lines: readonly string[]): void;
}

/** Provided where a frame writer renders the app (mountDashboard); absent in tests and elsewhere. */
export const ScreenSinkContext = createContext<ScreenSink | undefined>(undefined);
