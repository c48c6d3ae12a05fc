import { render, Text, type Instance } from 'ink';
import { useEffect, useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { App, type AppProps } from '../../../src/ui/App.js';
import { Screen } from '../../../src/ui/components/Screen.js';
import { mountDashboard, type MountedDashboard } from '../../../src/ui/run-dashboard.js';
import { truncateToWidth, visibleWidth } from '../../../src/ui/terminal/frame-diff.js';
import { FrameWriter } from '../../../src/ui/terminal/frame-writer.js';
import { ScreenSinkContext } from '../../../src/ui/terminal/screen-sink.js';
import { ScreenModel } from './screen-model.js';
import { details, FakeStdin, ManualClock, sampleFleet, theme, waitForFrame } from './support.js';

const ESC = String.fromCharCode(27);

describe('truncateToWidth', () => {
  it('returns a line that fits unchanged', () => {
    expect(truncateToWidth(`${ESC}[31mred${ESC}[39m`, 3)).toBe(`${ESC}[31mred${ESC}[39m`);
  });

  it('cuts to the width with an ellipsis, keeping escapes and resetting the style', () => {
    const cut = truncateToWidth(`${ESC}[31mabcdef${ESC}[39m`, 4);
    expect(cut).toBe(`${ESC}[31mabc…${ESC}[0m`);
    expect(visibleWidth(cut)).toBe(4);
  });

  it('does not split a wide character', () => {
    expect(visibleWidth(truncateToWidth('漢字漢字', 4))).toBeLessThanOrEqual(4);
  });
});

describe('FrameWriter as a screen sink', () => {
  it('shows lines given to showScreen, and no blank screen for an empty Ink frame before them', () => {
    const screen = new ScreenModel(10, 3);
    const writer = new FrameWriter(screen, { maxFps: 0 });
    writer.submit('ink frame');
    writer.submit('\n');
    expect(screen.text()[0]).toBe('ink frame');
    expect(screen.writes).toHaveLength(1);
    writer.showScreen(['one', 'two']);
    expect(screen.text()).toEqual(['one', 'two', '']);
  });

  it('answers a key press at once right after a data frame; key frames are spaced 15 ms apart', () => {
    let now = 0;
    const due: Array<{ at: number; fn: () => void }> = [];
    const timers = {
      now: () => now,
      setTimeout: (fn: () => void, ms: number) => due.push({ at: now + ms, fn }),
      clearTimeout: () => due.splice(0),
    };
    const screen = new ScreenModel(10, 2);
    const writer = new FrameWriter(screen, { maxFps: 10, timers });
    writer.showScreen(['tick']);
    now = 2;
    writer.expedite();
    writer.showScreen(['key 1']);
    expect(screen.text()[0]).toBe('key 1');
    now = 7;
    writer.expedite();
    writer.showScreen(['key 2']);
    expect(screen.text()[0]).toBe('key 1');
    expect(due.map((d) => d.at)).toEqual([17]);
    now = 17;
    due.shift()?.fn();
    expect(screen.text()[0]).toBe('key 2');
  });

  it('cuts a line wider than the terminal instead of letting it wrap', () => {
    const screen = new ScreenModel(5, 2);
    const writer = new FrameWriter(screen, { maxFps: 0 });
    writer.showScreen(['abcdefgh']);
    expect(screen.text()[0]).toBe('abcd…');
  });
});

let switchTo: ((screen: boolean) => void) | undefined;

/** Either a whole Screen or ordinary Ink text, switched from outside. */
function Switching() {
  const [asScreen, setAsScreen] = useState(true);
  useEffect(() => {
    switchTo = setAsScreen;
  }, []);
  return asScreen ? <Screen lines={['screen line', 'second']} /> : <Text>ink text</Text>;
}

describe('Screen', () => {
  let instance: Instance | undefined;
  let mounted: MountedDashboard | undefined;
  afterEach(() => {
    instance?.unmount();
    mounted?.instance.unmount();
    instance = mounted = switchTo = undefined;
  });

  it('hands the lines to the writer, and Ink’s own output takes over when it unmounts', async () => {
    const screen = new ScreenModel(20, 3);
    const writer = new FrameWriter(screen, { maxFps: 0 });
    instance = render(
      <ScreenSinkContext.Provider value={writer}>
        <Switching />
      </ScreenSinkContext.Provider>,
      { stdout: writer.inkStdout, debug: true, exitOnCtrlC: false, patchConsole: false },
    );
    const shown = (): string => screen.text().join('\n');
    await waitForFrame(shown, (s) => s === 'screen line\nsecond\n');
    switchTo?.(false);
    await waitForFrame(shown, (s) => s === 'ink text\n\n');
    switchTo?.(true);
    await waitForFrame(shown, (s) => s === 'screen line\nsecond\n');
  });

  it('renders as Ink text without a sink', async () => {
    const screen = new ScreenModel(20, 3);
    const writer = new FrameWriter(screen, { maxFps: 0 });
    instance = render(<Screen lines={['plain', 'lines']} />, {
      stdout: writer.inkStdout,
      debug: true,
      exitOnCtrlC: false,
      patchConsole: false,
    });
    await waitForFrame(
      () => screen.text().join('\n'),
      (s) => s.startsWith('plain\nlines'),
    );
  });

  it('repaints a Screen at the new size after a resize, as a dashboard started at that size shows it', async () => {
    const fleet = sampleFleet();
    const props = (): AppProps => ({
      reader: fleet,
      readOnly: false,
      wallboard: false,
      theme: theme('none'),
      colorMode: 'none',
      onQuit: () => {},
      loadDetails: async (_h, id) => details(fleet.getSnapshot().containers.find((c) => c.id === id)!),
      clock: new ManualClock(),
      initialView: 'containers',
    });
    const stdin = () => new FakeStdin(true) as unknown as NodeJS.ReadStream;
    const screen = new ScreenModel(100, 20);
    mounted = mountDashboard(props(), { stdout: screen, stdin: stdin(), maxFps: 0 });
    const text = (s: ScreenModel) => () => s.text().join('\n');
    await waitForFrame(text(screen), (s) => s.includes('worker-1'));
    screen.resize(80, 12);
    const reference = new ScreenModel(80, 12);
    const other = mountDashboard(props(), { stdout: reference, stdin: stdin(), maxFps: 0 });
    try {
      const want = await waitForFrame(text(reference), (s) => s.includes('worker-1'));
      await waitForFrame(text(screen), (s) => s === want);
    } finally {
      other.instance.unmount();
    }
  });

  it('shows the dashboard as Ink would, through mountDashboard, with colours and key presses', async () => {
    const fleet = sampleFleet();
    const props = (): AppProps => ({
      reader: fleet,
      readOnly: false,
      wallboard: false,
      theme: theme('truecolor'),
      colorMode: 'truecolor',
      onQuit: () => {},
      loadDetails: async (_h, id) => details(fleet.getSnapshot().containers.find((c) => c.id === id)!),
      clock: new ManualClock(),
      initialView: 'containers',
    });
    // Reference: the same App through Ink's own layout (no sink) into the same kind of screen.
    const reference = new ScreenModel(100, 20);
    const referenceIn = new FakeStdin(true);
    const referenceWriter = new FrameWriter(reference, { maxFps: 0 });
    instance = render(<App {...props()} />, {
      stdout: referenceWriter.inkStdout,
      stdin: referenceIn as unknown as NodeJS.ReadStream,
      debug: true,
      exitOnCtrlC: false,
      patchConsole: false,
    });
    const direct = new ScreenModel(100, 20);
    const directIn = new FakeStdin(true);
    mounted = mountDashboard(props(), {
      stdout: direct,
      stdin: directIn as unknown as NodeJS.ReadStream,
      maxFps: 0,
    });

    const text = (s: ScreenModel) => () => s.text().join('\n');
    const both = async (predicate: (frame: string) => boolean): Promise<void> => {
      const want = await waitForFrame(text(reference), predicate);
      await waitForFrame(text(direct), (s) => s === want);
    };
    await both((s) => s.includes('worker-1'));
    for (const key of ['j', 'j', '?']) {
      const before = text(reference)();
      referenceIn.write(key);
      directIn.write(key);
      await both((s) => s !== before);
    }
    expect(text(direct)()).toMatch(/help/i);
  });
});
