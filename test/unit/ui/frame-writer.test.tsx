import { render, type Instance } from 'ink';
import { afterEach, describe, expect, it } from 'vitest';
import { App, type AppProps } from '../../../src/ui/App.js';
import { diffFrame, visibleWidth } from '../../../src/ui/terminal/frame-diff.js';
import { FrameWriter, type FrameTimers } from '../../../src/ui/terminal/frame-writer.js';
import { ScreenModel } from './screen-model.js';
import { details, FakeStdin, ManualClock, sampleFleet, theme, usage, waitForFrame } from './support.js';

class ManualTimers implements FrameTimers {
  time = 0;
  private queue: Array<{ at: number; fn: () => void }> = [];
  now = (): number => this.time;
  setTimeout = (fn: () => void, ms: number): unknown => {
    const t = { at: this.time + ms, fn };
    this.queue.push(t);
    return t;
  };
  clearTimeout = (handle: unknown): void => {
    this.queue = this.queue.filter((t) => t !== handle);
  };
  advance(ms: number): void {
    this.time += ms;
    const due = this.queue.filter((t) => t.at <= this.time);
    this.queue = this.queue.filter((t) => t.at > this.time);
    for (const t of due) t.fn();
  }
}

describe('diffFrame', () => {
  const size = { columns: 20, rows: 5 };

  it('writes every row of the first frame, and nothing for an unchanged one', () => {
    const first = diffFrame(undefined, ['a', 'b'], size);
    expect(first.rows).toEqual([0, 1, 2, 3, 4]);
    expect(diffFrame(['a', 'b'], ['a', 'b'], size).output).toBe('');
  });

  it('writes only the changed row for a one-cell change', () => {
    const diff = diffFrame(['header 12:00:00', 'row', 'status'], ['header 12:00:01', 'row', 'status'], size);
    expect(diff.rows).toEqual([0]);
    expect(diff.output).toBe('\x1b[1;1Hheader 12:00:01\x1b[K');
  });

  it('clears rows a shorter frame no longer uses and never writes past the last row', () => {
    expect(diffFrame(['a', 'b', 'c'], ['a'], size).rows).toEqual([1, 2]);
    expect(diffFrame(undefined, ['1', '2', '3', '4', '5', '6', '7'], size).rows).toEqual([0, 1, 2, 3, 4]);
  });

  it('does not erase after a full-width line (the cursor waits to wrap on the last column)', () => {
    const full = 'x'.repeat(20);
    expect(diffFrame([''], [full], size).output).toBe(`\x1b[1;1H${full}`);
    expect(visibleWidth('\x1b[31mred\x1b[39m 漢字')).toBe(8);
  });
});

describe('FrameWriter', () => {
  it('caps the frame rate: the first frame goes at once, later ones at the next slot, latest wins', () => {
    const screen = new ScreenModel(20, 4);
    const timers = new ManualTimers();
    const writer = new FrameWriter(screen, { maxFps: 10, timers });
    writer.submit('one');
    expect(screen.text()[0]).toBe('one');
    writer.submit('two');
    writer.submit('three');
    expect(screen.writes).toHaveLength(1);
    timers.advance(100);
    expect(screen.writes).toHaveLength(2);
    expect(screen.text()[0]).toBe('three');
    writer.close();
    writer.submit('after close');
    timers.advance(1000);
    expect(screen.text()[0]).toBe('three');
  });

  it('repaints every row after a resize', () => {
    const screen = new ScreenModel(20, 4);
    const writer = new FrameWriter(screen, { maxFps: 0 });
    writer.submit('a\nb');
    screen.resize(30, 5);
    expect(screen.text().slice(0, 2)).toEqual(['a', 'b']);
  });
});

describe('the dashboard through the frame writer', () => {
  let instance: Instance | undefined;
  afterEach(() => instance?.unmount());

  function start(overrides: Partial<AppProps> = {}) {
    const screen = new ScreenModel(140, 30);
    const stdin = new FakeStdin(true);
    const writer = new FrameWriter(screen, { maxFps: 0 });
    const fleet = sampleFleet();
    const clock = new ManualClock();
    const props: AppProps = {
      reader: fleet,
      readOnly: false,
      wallboard: false,
      theme: theme('none'),
      colorMode: 'none',
      onQuit: () => {},
      loadDetails: async (_h, id) => details(fleet.getSnapshot().containers.find((c) => c.id === id)!),
      clock,
      initialView: 'containers',
      ...overrides,
    };
    instance = render(<App {...props} />, {
      stdout: writer.inkStdout,
      stdin: stdin as unknown as NodeJS.ReadStream,
      debug: true,
      exitOnCtrlC: false,
      patchConsole: false,
    });
    const shown = (): string => screen.text().join('\n');
    return { screen, stdin, writer, fleet, clock, shown };
  }

  it('keeps the screen equal to the frame while writing only changed rows', async () => {
    const { screen, stdin, writer, fleet, clock, shown } = start();
    await waitForFrame(shown, (s) => s.includes('worker-1'));
    const rowsBefore = writer.stats.rowsWritten;
    expect(rowsBefore).toBe(30);

    // The clock ticks: only the header row changes.
    let mark = screen.writes.length;
    clock.advance(1000);
    await waitForFrame(shown, (s) => s.includes('12:00:01'));
    expect(writer.stats.rowsWritten - rowsBefore).toBe(1);
    expect(screen.bytesSince(mark)).toBeLessThan(200);

    // A store publication that changes nothing on screen writes nothing.
    mark = screen.writes.length;
    fleet.publish({});
    await new Promise((r) => setImmediate(r));
    expect(screen.bytesSince(mark)).toBe(0);

    // One CPU figure changes: one table row (plus the info line when it is the selected row).
    const rows = writer.stats.rowsWritten;
    const u = new Map(fleet.getSnapshot().usage);
    u.set('web-a/web-a-db-1-0123456789abcdef', usage(56, 300 * 1024 * 1024));
    fleet.publish({ usage: u });
    await waitForFrame(shown, (s) => s.includes('56.0%'));
    expect(writer.stats.rowsWritten - rows).toBe(1);

    // Moving the cursor rewrites the two rows it left and entered, and the info line.
    const beforeMove = writer.stats.rowsWritten;
    stdin.write('j');
    await waitForFrame(shown, (s) => /^> web-a\s+db-1/m.test(s));
    expect(writer.stats.rowsWritten - beforeMove).toBeLessThanOrEqual(3);
  });
});

describe('FrameWriter and key presses', () => {
  it('answers a key press at once even right after a data-driven frame', () => {
    const screen = new ScreenModel(20, 4);
    const timers = new ManualTimers();
    const writer = new FrameWriter(screen, { maxFps: 10, timers });
    writer.submit('tick 1');
    timers.advance(20);
    writer.submit('tick 2'); // data: waits for the 100 ms slot
    expect(screen.text()[0]).toBe('tick 1');
    writer.expedite();
    writer.submit('cursor moved');
    expect(screen.text()[0]).toBe('cursor moved');
    // The next data-driven frame waits for its slot again.
    timers.advance(5);
    writer.submit('tick 3');
    expect(screen.text()[0]).toBe('cursor moved');
    timers.advance(100);
    expect(screen.text()[0]).toBe('tick 3');
  });
});
