import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { App, type AppProps } from '../../../src/ui/App.js';
import { WALLBOARD_BINDINGS } from '../../../src/ui/views/wallboard/bindings.js';
import { displayWidth } from '../../../src/domain/text/width.js';
import {
  container,
  FakeFleet,
  host,
  ManualClock,
  renderSized,
  T0,
  theme,
  waitForFrame,
  waitForText,
} from './support.js';

afterEach(() => cleanup());

/** Eight hosts, a role per pair of hosts, and eight one-shot jobs that exited with 3. */
function fleet(roles = 4): FakeFleet {
  const hosts = Array.from({ length: 8 }, (_, i) => host(`h${i}`, { lastSeenAt: T0 }));
  const containers = [
    ...Array.from({ length: roles * 2 }, (_, i) =>
      container(`h${i % 8}`, `svc${Math.floor(i / 2)}-${i % 2}`, { role: `svc${Math.floor(i / 2)}` }),
    ),
    ...hosts.map((h) =>
      container(h.name, 'job-1', {
        state: 'exited',
        exitCode: 3,
        health: 'none',
        status: 'Exited (3) 1 hour ago',
      }),
    ),
  ];
  return new FakeFleet({ hosts, containers, updatedAt: T0 });
}

function props(overrides: Partial<AppProps> = {}): AppProps {
  return {
    reader: fleet(),
    readOnly: true,
    wallboard: true,
    theme: theme('none'),
    colorMode: 'none',
    onQuit: () => {},
    loadDetails: () => Promise.reject(new Error('no details on a wallboard')),
    clock: new ManualClock(),
    ...overrides,
  };
}

function expectFilled(frame: string, columns: number, rows: number): string[] {
  const lines = frame.split('\n');
  // Every row but the last (a full-height frame would scroll the terminal) is drawn on.
  expect(lines).toHaveLength(rows - 1);
  for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(columns);
  expect(lines.every((l) => l.trim() !== '')).toBe(true);
  // Tiles reach the right edge: their bottom borders span the whole width.
  expect(lines.some((l) => l.startsWith('└') && l.endsWith('┘') && displayWidth(l) === columns)).toBe(true);
  return lines;
}

describe('wallboard screen', () => {
  for (const [columns, rows] of [
    [80, 24],
    [200, 60],
  ] as const) {
    it(`fills ${columns}×${rows} with tiles, headline digits, alerts (the exits with 3) and a footer`, async () => {
      const r = renderSized(<App {...props()} />, { columns, rows });
      const frame = await waitForText(r.lastFrame, 'fleetdeck wallboard');
      const lines = expectFilled(frame, columns, rows);
      expect(frame).toContain('HOSTS UP');
      expect(frame).toContain('┌─┐'); // block digits
      expect(frame).toMatch(/ ✗ h\d\/job-1: exited with 3/);
      expect(frame).toMatch(/┌─ svc0 ─+ ok ┐/);
      expect(frame).toMatch(/┌─ job ─+ down ┐/);
      expect(lines.at(-1)).toContain('8 hosts · 5 roles · read-only');
      r.instance.unmount();
    });
  }

  it('at 200×60 has room for every replica and draws the tiles’ counts large', async () => {
    const r = renderSized(<App {...props()} />, { columns: 200, rows: 60 });
    const frame = await waitForText(r.lastFrame, 'fleetdeck wallboard');
    expect(frame).toContain('h0 svc0-0 running/healthy');
    expect(frame).toContain('h0 job-1 exited (3)');
    // "8/8 hosts up" in block digits in a tile row, not only in the headline band.
    const tileRows = frame.split('\n').filter((l) => l.startsWith('│'));
    expect(tileRows.some((l) => l.includes('┌─┐'))).toBe(true);
    expect(frame).not.toContain('page 1/');
    r.instance.unmount();
  });

  it('rotates pages on the injected clock when the tiles do not fit (80×24)', async () => {
    const clock = new ManualClock();
    const r = renderSized(<App {...props({ clock, reader: fleet(20), wallboardPageMs: 10_000 })} />, {
      columns: 80,
      rows: 24,
    });
    const first = await waitForText(r.lastFrame, 'page 1/');
    expect(first).toMatch(/┌─ job /);
    clock.advance(10_000);
    const second = await waitForText(r.lastFrame, 'page 2/');
    expect(second).not.toMatch(/┌─ job /);
    expectFilled(second, 80, 24);
    r.instance.unmount();
  });

  it('turns "updated N s ago" into a warning when no daemon answered for 30 s', async () => {
    const clock = new ManualClock();
    const r = renderSized(<App {...props({ clock })} />, { columns: 80, rows: 24 });
    await waitForText(r.lastFrame, 'updated 0s ago');
    clock.advance(31_000);
    const frame = await waitForText(r.lastFrame, '⚠ stale: updated 31s ago');
    expect(frame.split('\n')[0]).toMatch(/fleetdeck wallboard\s+\d\d:\d\d:\d\d · ⚠ stale/);
    r.instance.unmount();
  });

  it('keeps drawing with every host unreachable: "8/8 hosts unreachable" on top of the alerts', async () => {
    const down = new FakeFleet({
      hosts: Array.from({ length: 8 }, (_, i) =>
        host(`h${i}`, {
          state: 'unreachable',
          since: T0 - 30_000,
          problem: { code: 'connection-refused', message: `h${i}: refused` },
        }),
      ),
      updatedAt: T0,
    });
    const r = renderSized(<App {...props({ reader: down })} />, { columns: 80, rows: 24 });
    const frame = await waitForText(r.lastFrame, '8/8 hosts unreachable');
    expect(frame).toMatch(/ ✗ 8\/8 hosts unreachable/);
    expect(frame).toMatch(/h0 ─+ unreachable ┐/);
    expectFilled(frame, 80, 24);
    r.instance.unmount();
  });

  it('never shows a secret a label or an error carries', async () => {
    const leaky = new FakeFleet({
      hosts: [
        host('h0', {
          state: 'degraded',
          problem: { code: 'docker-error', message: 'h0: https://ci:tok3n@reg refused' },
        }),
      ],
      containers: [container('h0', 'api-1', { role: 'postgres://app:pw@db' })],
      updatedAt: T0,
    });
    const r = renderSized(<App {...props({ reader: leaky })} />, { columns: 200, rows: 60 });
    const frame = await waitForText(r.lastFrame, 'fleetdeck wallboard');
    expect(frame).toContain('https://ci:•••@reg');
    expect(frame).not.toMatch(/tok3n|:pw@/);
    r.instance.unmount();
  });

  it('is read-only: its only key leaves it', async () => {
    expect(WALLBOARD_BINDINGS.map((b) => b.id)).toEqual(['quit']);
    expect(WALLBOARD_BINDINGS.every((b) => !b.mutating)).toBe(true);
    let quit = 0;
    const r = renderSized(<App {...props({ onQuit: () => quit++ })} />, { columns: 80, rows: 24 });
    await waitForText(r.lastFrame, 'fleetdeck wallboard');
    for (const key of ['r', 'K', 'S', 'R', 's', 'e']) r.stdin.write(key);
    expect(quit).toBe(0);
    r.stdin.write('q');
    await waitForFrame(
      () => String(quit),
      (q) => q === '1',
    );
    r.instance.unmount();
  });
});

describe('the dashboard alert line', () => {
  it('shows the same first alert and count as the wallboard, on the title line', async () => {
    const r = renderSized(<App {...props({ wallboard: false, initialView: 'hosts' })} />, {
      columns: 120,
      rows: 24,
    });
    const frame = await waitForText(r.lastFrame, 'Hosts');
    const title = frame.split('\n')[1] ?? '';
    // Right-aligned (the frame drops the trailing blank of the painted line).
    expect(title).toMatch(/^Hosts · 8 {20,}✗ 9 alerts · h0\/job-1: exited with 3 · 1h ago$/);
    expect(displayWidth(title)).toBe(119);
    r.instance.unmount();
  });
});
