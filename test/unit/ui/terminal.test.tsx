import { PassThrough } from 'node:stream';
import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { App, type AppProps } from '../../../src/ui/App.js';
import {
  ENTER_ALT_SCREEN,
  LEAVE_ALT_SCREEN,
  restoreTerminal,
  runDashboard,
} from '../../../src/ui/run-dashboard.js';
import {
  details,
  ManualClock,
  renderSized,
  sampleFleet,
  theme,
  waitForFrame,
  waitForText,
} from './support.js';

afterEach(() => cleanup());

function props(overrides: Partial<AppProps> = {}): AppProps {
  return {
    reader: sampleFleet(),
    readOnly: false,
    wallboard: false,
    theme: theme('none'),
    colorMode: 'none',
    onQuit: () => {},
    loadDetails: async (h, id) => {
      const c = sampleFleet()
        .getSnapshot()
        .containers.find((x) => x.host === h && x.id === id);
      if (!c) throw new Error('gone');
      return details(c);
    },
    clock: new ManualClock(),
    ...overrides,
  };
}

const ESC = String.fromCharCode(27);
const ESCAPE = new RegExp(`${ESC}\\[`);
const SGR_256 = new RegExp(`${ESC}\\[[0-9;]*38;5;\\d+m`);

describe('colour', () => {
  it('writes no escape codes at all when colour is off (NO_COLOR)', async () => {
    const { lastFrame } = render(<App {...props({ initialView: 'containers' })} />);
    const frame = await waitForText(lastFrame, 'worker-1');
    expect(frame).not.toMatch(ESCAPE);
  });

  it('paints status colours, degraded to 256 colours', async () => {
    const { lastFrame } = render(<App {...props({ theme: theme('ansi256'), colorMode: 'ansi256' })} />);
    const frame = await waitForText(lastFrame, 'unreachable');
    expect(frame).toMatch(SGR_256);
    expect(frame).not.toContain('38;2;');
  });
});

describe('terminal size', () => {
  it('fits 80×24: 23 lines, none wider than 80 columns', async () => {
    const { lastFrame } = renderSized(<App {...props({ initialView: 'containers' })} />, {
      columns: 80,
      rows: 24,
    });
    const frame = await waitForText(lastFrame, 'worker-1');
    const lines = frame.split('\n');
    expect(lines).toHaveLength(23);
    for (const line of lines) expect([...line].length).toBeLessThanOrEqual(80);
    expect(frame).toMatch(/STATE/);
    expect(frame).toMatch(/CPU\s+MEM/);
  });

  it('says clearly when the terminal is too small, and recovers on resize', async () => {
    const r = renderSized(<App {...props()} />, { columns: 50, rows: 10 });
    await waitForText(r.lastFrame, 'Terminal too small: 50×10');
    r.stdout.resize(80, 24);
    await waitForText(r.lastFrame, 'web-c');
    r.instance.unmount();
  });

  it('runs without input when stdin is not a TTY', async () => {
    const r = renderSized(<App {...props()} />, { columns: 80, rows: 24, stdinIsTTY: false });
    await waitForText(r.lastFrame, 'web-c');
    r.instance.unmount();
  });

  it('runs without input when stdin is a file or /dev/null (isTTY undefined), dashboard and wallboard', async () => {
    for (const wallboard of [false, true]) {
      const r = renderSized(<App {...props({ wallboard })} />, {
        columns: 80,
        rows: 24,
        stdinIsTTY: undefined,
      });
      const frame = await waitForText(r.lastFrame, 'web-c');
      expect(frame).not.toContain('Raw mode');
      r.instance.unmount();
    }
  });
});

describe('wallboard', () => {
  it('shows tiles, alerts, clock and freshness', async () => {
    const clock = new ManualClock();
    const { lastFrame } = render(<App {...props({ wallboard: true, clock })} />);
    const frame = await waitForText(lastFrame, 'wallboard');
    expect(frame).toContain('12:00:00');
    expect(frame).toContain('web-c unreachable for 5m');
    expect(frame).toContain('web-b/worker-1: killed by SIGKILL (137)');
    expect(frame).toMatch(/web\s/);
    expect(frame).toContain('2/2 containers running');
    expect(frame).toMatch(/web-a ─+ up ┐/);
    clock.advance(5000);
    await waitForText(lastFrame, 'updated 5s ago');
  });

  it('adds external alerts', async () => {
    const { lastFrame } = render(
      <App
        {...props({
          wallboard: true,
          alerts: [{ severity: 'crit', host: 'web-a', text: 'thin pool 95% full' }],
        })}
      />,
    );
    await waitForText(lastFrame, 'web-a: thin pool 95% full');
  });

  it('rotates pages on the clock when tiles do not fit', async () => {
    const clock = new ManualClock();
    const fleet = sampleFleet();
    const many = Array.from({ length: 30 }, (_, i) => ({
      ...fleet.getSnapshot().containers[0]!,
      id: `id${i}`,
      name: `svc${String(i).padStart(2, '0')}-1`,
      role: `svc${String(i).padStart(2, '0')}`,
    }));
    fleet.publish({ containers: many });
    const { lastFrame } = render(
      <App {...props({ wallboard: true, clock, reader: fleet, wallboardPageMs: 10_000 })} />,
    );
    const first = await waitForText(lastFrame, 'page 1/');
    expect(first).toContain('svc00');
    clock.advance(10_000);
    const second = await waitForText(lastFrame, 'page 2/');
    expect(second).not.toContain('svc00');
  });
});

describe('runDashboard', () => {
  it('enters the alternate screen and restores it on quit', async () => {
    const written: string[] = [];
    const stdout = Object.assign(new PassThrough(), { columns: 80, rows: 24, isTTY: false });
    stdout.on('data', (d: Buffer) => written.push(d.toString()));
    const stdin = Object.assign(new PassThrough(), { isTTY: false });
    const done = runDashboard({
      ...props(),
      stdout: stdout as unknown as NodeJS.WriteStream,
      stdin: stdin as unknown as NodeJS.ReadStream,
    });
    await waitForFrame(
      () => written.join(''),
      (out) => out.includes('web-c'),
    );
    expect(written[0]).toBe(ENTER_ALT_SCREEN);
    restoreTerminal();
    await done;
    expect(written.join('')).toContain(LEAVE_ALT_SCREEN);
  });
});
