import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { App, type AppProps } from '../../../src/ui/App.js';
import { FakeActions } from './actions-fake.js';
import {
  container,
  details,
  event,
  FakeFleet,
  host,
  ManualClock,
  renderSized,
  theme,
  waitForText,
} from './support.js';

afterEach(() => cleanup());

// What a hostile label or daemon could send: retitle the terminal (OSC 0 … BEL), clear the screen
// and move the cursor (CSI), ring the bell, reorder text (bidi override), break a row.
const OSC_TITLE = '\x1b]0;pwned\x07';
const CSI = '\x1b[2J\x1b[H\x1b[31m';
const evil = (visible: string): string => `${visible}${OSC_TITLE}${CSI}\x07\u202e\r\n`;

function hostileFleet(): FakeFleet {
  const c = container('web-a', 'web-1', {
    role: evil('shop'),
    image: evil('img'),
    status: evil('Up 2 hours'),
    labels: { 'com.example.note': evil('note') },
  });
  return new FakeFleet({
    hosts: [
      host('web-a', { warning: evil('careful') }),
      host('web-b', {
        state: 'unreachable',
        problem: { code: 'timeout', message: evil('daemon said') },
        docker: undefined,
      }),
    ],
    containers: [c],
    events: [event('web-a', 'die', 'web-1', { attributes: { name: evil('web-1'), exitCode: evil('1') } })],
  });
}

function setup(over: Partial<AppProps> = {}) {
  const fleet = hostileFleet();
  const props: AppProps = {
    reader: fleet,
    readOnly: false,
    wallboard: false,
    theme: theme('none'),
    colorMode: 'none',
    onQuit: () => {},
    loadDetails: async (_h, id) => {
      const c = fleet.getSnapshot().containers.find((x) => x.id === id)!;
      return details(c, { env: [evil('MODE=x')], cmd: [evil('run')], entrypoint: [] });
    },
    actions: new FakeActions(),
    clock: new ManualClock(),
    ...over,
  };
  return renderSized(<App {...props} />, { columns: 160, rows: 30 });
}

/** With colours off, fleetdeck writes no escape byte of its own: any left would be the hostile one. */
function expectInert(frame: string): void {
  // eslint-disable-next-line no-control-regex
  expect(frame).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/);
  // OSC 0 (retitle) is removed whole; details may quote a command's bytes as `\u001b` text, inert.
  expect(frame.replace(/\\u001b\]0;pwned/g, '')).not.toContain('pwned');
  expect(frame).not.toContain('\u202e');
}

describe('hostile strings from labels and daemons', () => {
  it('render inert in every dashboard view', async () => {
    const { lastFrame, stdin } = setup();
    const views: Array<[keys: string, shown: string]> = [
      ['1', 'careful'],
      ['2', 'Roles · '],
      ['3', 'Containers · '],
      ['\r', '── Lifecycle'],
      // Details run past one screen: G scrolls to its end, where the environment is.
      ['G', 'Environment'],
      ['4', 'Events · '],
      ['5', 'Storage · '],
      ['2?', 'Keys in the Roles view'],
    ];
    for (const [keys, shown] of views) {
      stdin.write(keys);
      const frame = await waitForText(lastFrame, shown);
      expectInert(frame);
    }
    stdin.write('3');
    const containers = await waitForText(lastFrame, 'Containers · ');
    expect(containers).toMatch(/shop/);
    stdin.write('\r');
    await waitForText(lastFrame, '── Lifecycle');
    stdin.write('G');
    const detailsFrame = await waitForText(lastFrame, 'MODE=x');
    expectInert(detailsFrame);
  });

  it('render inert in the action dialog and on the wallboard', async () => {
    const ui = setup();
    ui.stdin.write('3');
    await waitForText(ui.lastFrame, 'Containers · ');
    ui.stdin.write('r');
    expectInert(await waitForText(ui.lastFrame, 'restart · '));
    const wall = setup({ wallboard: true });
    const frame = await waitForText(wall.lastFrame, 'daemon said');
    expectInert(frame);
    expect(frame).toContain('shop');
  });
});
