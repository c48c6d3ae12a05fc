import React from 'react';
import { describe, expect, it } from 'vitest';
import { noticeLine } from '../../../src/domain/logs/log-line.js';
import { waitFor } from './fake-host-api.js';
import { FakeLogReader, out } from './fake-log-reader.js';

import { render } from 'ink-testing-library';
import { makeTheme, THEME_TOKENS, type Style, type ThemeToken } from '../../../src/theme/index.js';
import { LogsPane } from '../../../src/ui/logs/LogsPane.js';

// Colours are part of what is tested (highlight): a 16-colour theme, painted like every view.
const ansi = (index: number): Style => ({ color: { kind: 'ansi16', index } });
const styles = Object.fromEntries(THEME_TOKENS.map((t) => [t, {}])) as Record<ThemeToken, Style>;
Object.assign(styles, {
  'log.stderr': ansi(1),
  'log.match': ansi(3),
  'log.notice': ansi(6),
  'log.source1': ansi(2),
  'log.source2': ansi(4),
  'log.source3': ansi(5),
});
const theme = makeTheme('test', 'ansi16', styles);
const YELLOW_BG = '\x1b[43m';
// eslint-disable-next-line no-control-regex
const plain = (s: string | undefined): string => (s ?? '').replace(/\x1b\[[0-9;]*m/g, '');

async function setup(height = 8) {
  const reader = new FakeLogReader();
  reader.sources = [
    { id: 'lab-0/web-1', state: 'streaming' },
    { id: 'lab-1/web-1', state: 'streaming' },
  ];
  reader.push(
    out('lab-0/web-1', 'GET /health 200'),
    out('lab-1/web-1', 'connection error: refused', 'stderr'),
    out('lab-0/web-1', 'GET /api 500'),
    out('lab-1/web-1', 'ERROR again'),
  );
  const ui = render(
    <LogsPane reader={reader} theme={theme} height={height} savePath="/tmp/fleetdeck-logs.txt" />,
  );
  const frame = (): string => plain(ui.lastFrame());
  const until = (cond: (f: string) => boolean, what: string): Promise<void> =>
    waitFor(() => cond(frame()), 2000, `${what}; last frame:\n${frame()}`);
  // Ink attaches its stdin listener in an effect: keys written before that are lost.
  await waitFor(() => ui.stdin.listenerCount('readable') > 0, 2000, 'Ink listening to stdin');
  return { reader, ui, frame, until };
}

describe('LogsPane', () => {
  it('shows sources, stderr marks and the newest lines', async () => {
    const { frame } = await setup();
    expect(frame()).toContain('2 sources · following');
    expect(frame()).toContain('lab-0/web-1 │ GET /health 200');
    expect(frame()).toContain('lab-1/web-1 ! connection error: refused');
  });

  it('highlights matches live while typing a search, case-insensitively by default', async () => {
    const { ui, until } = await setup();
    ui.stdin.write('/');
    await until((f) => f.includes('/ '), 'search prompt');
    ui.stdin.write('error');
    await waitFor(
      () =>
        (ui.lastFrame() ?? '').includes(`${YELLOW_BG}error`) &&
        (ui.lastFrame() ?? '').includes(`${YELLOW_BG}ERROR`),
      2000,
      'both matches highlighted',
    );
    ui.stdin.write('\r');
    await until((f) => f.includes('/error/i 2 matches'), 'search status');
    ui.stdin.write('i');
    await until((f) => f.includes('/error/ 1 match'), 'case-sensitive count');
    expect(ui.lastFrame()).not.toContain(`${YELLOW_BG}ERROR`);
  });

  it('filter mode shows only matching lines', async () => {
    const { ui, until, frame } = await setup();
    ui.stdin.write('/');
    await until((f) => f.includes('/ '), 'search prompt');
    ui.stdin.write('GET');
    ui.stdin.write('\r');
    await until((f) => f.includes('2 matches'), 'matches');
    ui.stdin.write('f');
    await until((f) => f.includes('(filter)'), 'filter on');
    expect(frame()).toContain('GET /health 200');
    expect(frame()).toContain('GET /api 500');
    expect(frame()).not.toContain('ERROR again');
    ui.stdin.write('f');
    await until((f) => f.includes('ERROR again'), 'filter off');
  });

  it('jumps between matches with n and N, marking the current one', async () => {
    const { ui, until } = await setup();
    ui.stdin.write('/');
    await until((f) => f.includes('/ '), 'search prompt');
    ui.stdin.write('GET');
    ui.stdin.write('\r');
    await until((f) => f.includes('2 matches'), 'matches');
    ui.stdin.write('n');
    await until((f) => f.includes('›lab-0/web-1 │ GET /api 500'), 'newest match marked');
    ui.stdin.write('N');
    await until((f) => f.includes('›lab-0/web-1 │ GET /health 200'), 'previous match marked');
    ui.stdin.write('n');
    await until((f) => f.includes('›lab-0/web-1 │ GET /api 500'), 'next match marked');
  });

  it('pauses without losing incoming lines and follows again on resume', async () => {
    const { ui, reader, until, frame } = await setup(6);
    ui.stdin.write(' ');
    await until((f) => f.includes('PAUSED'), 'paused');
    reader.push(
      out('lab-0/web-1', 'new line 1'),
      out('lab-0/web-1', 'new line 2'),
      out('lab-0/web-1', 'new line 3'),
    );
    await until((f) => f.includes('PAUSED +3 new'), 'new-line count while paused');
    expect(frame()).not.toContain('new line');
    expect(frame()).toContain('ERROR again');
    ui.stdin.write(' ');
    await until((f) => f.includes('following') && f.includes('new line 3'), 'following again');
  });

  it('scrolls back with arrows and page keys', async () => {
    const { ui, reader, until, frame } = await setup(5); // 3 rows of lines
    for (let i = 0; i < 20; i++) reader.push(out('lab-0/web-1', `line ${i}`));
    await until((f) => f.includes('line 19'), 'newest line');
    ui.stdin.write('\x1b[A');
    await until(
      (f) => f.includes('PAUSED +1 new') && f.includes('line 18') && !f.includes('line 19'),
      'one line up',
    );
    ui.stdin.write('\x1b[5~');
    await until((f) => f.includes('PAUSED +4 new') && f.includes('line 15'), 'one page up');
    ui.stdin.write('\x1b[6~');
    await until((f) => f.includes('PAUSED +1 new'), 'one page down');
    expect(frame()).toContain('line 18');
  });

  it('tells how many lines were dropped because the display could not keep up', async () => {
    const { reader, until } = await setup();
    reader.dropped = 12_345;
    reader.push(noticeLine('', '12,345 lines dropped from view — output faster than the display'));
    await until((f) => f.includes('12,345 lines dropped (too fast to display)'), 'dropped count in status');
    await until((f) => f.includes('── 12,345 lines dropped from view'), 'notice in the stream');
  });

  it('saves the buffer to the path it was given, with the timestamp setting', async () => {
    const { ui, reader, until } = await setup();
    ui.stdin.write('t');
    await until((f) => f.includes('2024-05-01T10:00:00Z GET /api 500'), 'timestamps shown');
    ui.stdin.write('w');
    await until((f) => f.includes('saved 4 lines to /tmp/fleetdeck-logs.txt'), 'saved message');
    expect(reader.saved).toEqual([{ path: '/tmp/fleetdeck-logs.txt', timestamps: true }]);
  });

  it('reports an invalid pattern instead of crashing', async () => {
    const { ui, until } = await setup();
    ui.stdin.write('/');
    await until((f) => f.includes('/ '), 'search prompt');
    ui.stdin.write('a(');
    await until((f) => f.includes('invalid search pattern /a(/'), 'error shown');
  });
});
