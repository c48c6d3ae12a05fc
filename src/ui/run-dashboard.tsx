import { render, type Instance } from 'ink';
import { App, type AppProps } from './App.js';
import { FrameWriter, type TerminalOut } from './terminal/frame-writer.js';
import { TerminalHandoffContext } from './shell/handoff-context.js';
import { terminalHandoff } from './terminal/handoff.js';
import { InputGate } from './terminal/input-gate.js';
import { tapInput } from './terminal/input-tap.js';
import { ScreenSinkContext } from './terminal/screen-sink.js';
import { ENTER_ALT_SCREEN, HIDE_CURSOR, LEAVE_ALT_SCREEN, SHOW_CURSOR } from './terminal/screen-modes.js';

export { ENTER_ALT_SCREEN, HIDE_CURSOR, LEAVE_ALT_SCREEN, SHOW_CURSOR } from './terminal/screen-modes.js';

export interface RunDashboardOptions extends Omit<AppProps, 'onQuit'> {
  stdout: NodeJS.WriteStream;
  stdin: NodeJS.ReadStream;
  /** Called after the user quits, before the promise resolves. */
  onQuit?: () => void;
  /** Frame-rate cap (Ink's maxFps); lower saves bandwidth on slow links. Default 10, wallboard 2. */
  maxFps?: number;
}

interface Running {
  instance: Instance;
  frames: FrameWriter;
  stdout: NodeJS.WriteStream;
  restored: boolean;
}

let running: Running | undefined;

/**
 * Unmounts the dashboard and gives the terminal back (leave the alternate screen, show the cursor).
 * Idempotent and safe to call from signal handlers and crash paths.
 */
export function restoreTerminal(): void {
  const current = running;
  if (!current || current.restored) return;
  current.restored = true;
  running = undefined;
  try {
    current.instance.unmount();
  } catch {
    // Unmounting a half-broken tree must not stop us from restoring the screen.
  }
  current.frames.close();
  current.stdout.write(LEAVE_ALT_SCREEN + SHOW_CURSOR);
}

/** Same as restoreTerminal: the name the app layer looks for. */
export const unmount = restoreTerminal;

export interface MountedDashboard {
  instance: Instance;
  frames: FrameWriter;
}

/**
 * Renders the App the way fleetdeck does: Ink renders whole frames (debug mode: no cursor
 * movements of its own) into a FrameWriter, which sends only the rows that changed, at most
 * maxFps times a second — except that a key press gets its answer at once. No screen switching.
 */
export function mountDashboard(
  props: AppProps,
  io: {
    stdout: TerminalOut;
    stdin: NodeJS.ReadStream;
    maxFps?: number | undefined;
    /** The real terminal, when a shell (`e`) may take it over. */
    handoffOut?: NodeJS.WriteStream | undefined;
  },
): MountedDashboard {
  const frames = new FrameWriter(io.stdout, { maxFps: io.maxFps ?? (props.wallboard ? 2 : 10) });
  const gate = new InputGate();
  // `e` hands the real terminal to a shell; a test's stand-in stdout has nothing to hand over.
  const handoff = io.handoffOut ? terminalHandoff({ stdout: io.handoffOut, frames, gate }) : undefined;
  try {
    // Views that paint whole screens as lines hand them to the frame writer without Ink's layout.
    const app = (
      <ScreenSinkContext.Provider value={frames}>
        <TerminalHandoffContext.Provider value={handoff}>
          <App {...props} />
        </TerminalHandoffContext.Provider>
      </ScreenSinkContext.Provider>
    );
    const instance = render(app, {
      stdout: frames.inkStdout,
      stdin: tapInput(io.stdin, () => frames.expedite(), gate),
      exitOnCtrlC: false,
      patchConsole: false,
      debug: true,
    });
    return { instance, frames };
  } catch (error) {
    frames.close();
    throw error;
  }
}

/** Renders the dashboard on the alternate screen; resolves when the user quits (or restoreTerminal is called). */
export async function runDashboard(options: RunDashboardOptions): Promise<void> {
  const { stdout, stdin, maxFps, onQuit, ...appProps } = options;
  if (running) throw new Error('fleetdeck: a dashboard is already running in this process');
  stdout.write(ENTER_ALT_SCREEN);
  stdout.write(HIDE_CURSOR);
  let quit: () => void = () => {};
  const quitRequested = new Promise<void>((resolve) => {
    quit = resolve;
  });
  let mounted: MountedDashboard;
  try {
    mounted = mountDashboard(
      { ...appProps, onQuit: () => quit() },
      { stdout, stdin, maxFps, handoffOut: stdout.isTTY ? stdout : undefined },
    );
  } catch (error) {
    stdout.write(LEAVE_ALT_SCREEN + SHOW_CURSOR);
    throw error;
  }
  const { instance, frames } = mounted;
  const current: Running = { instance, frames, stdout, restored: false };
  running = current;
  try {
    await Promise.race([quitRequested, instance.waitUntilExit()]);
  } finally {
    if (running === current) restoreTerminal();
  }
  onQuit?.();
}
