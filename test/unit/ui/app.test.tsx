import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import type { ContainerDetails } from '../../../src/domain/details.js';
import { App, type AppProps } from '../../../src/ui/App.js';
import {
  details,
  ManualClock,
  sampleFleet,
  theme,
  waitForFrame,
  waitForText,
  type FakeFleet,
} from './support.js';
import { FakeActions } from './actions-fake.js';

afterEach(() => cleanup());

const ESC = '\x1b';
const DOWN = '\x1b[B';
const ENTER = '\r';
const TAB = '\t';

function setup(overrides: Partial<AppProps> = {}, fleet: FakeFleet = sampleFleet()) {
  const calls = { quit: 0, visible: [] as string[][], actions: [] as unknown[], loaded: [] as string[] };
  const props: AppProps = {
    reader: fleet,
    readOnly: false,
    wallboard: false,
    theme: theme('none'),
    colorMode: 'none',
    onQuit: () => calls.quit++,
    loadDetails: async (h, id): Promise<ContainerDetails> => {
      calls.loaded.push(`${h}/${id}`);
      const c = fleet.getSnapshot().containers.find((x) => x.host === h && x.id === id);
      if (!c) throw new Error('no such container');
      return details(c);
    },
    onVisibleContainersChange: (keys) => calls.visible.push(keys),
    clock: new ManualClock(),
    ...overrides,
  };
  const r = render(<App {...props} />);
  return { ...r, calls, fleet };
}

describe('App: hosts view', () => {
  it('lists every host, unreachable ones with reason and since', async () => {
    const { lastFrame } = setup();
    const frame = await waitForText(lastFrame, 'web-c');
    expect(frame).toContain('web-a');
    expect(frame).toMatch(/web-c\s+unreachable\s+5m/);
    expect(frame).toContain('SSH timeout');
    expect(frame).toContain('overlay2');
    expect(frame).toContain('2/3 up 1 unreachable');
  });

  it('keeps an unreachable host visible when the store updates', async () => {
    const { lastFrame, fleet } = setup();
    await waitForText(lastFrame, 'web-c');
    fleet.publish({ containers: [] });
    await waitForFrame(lastFrame, (f) => f.includes('web-c') && f.includes('unreachable'));
  });

  it('opens the containers of a host with Enter and goes back with Esc', async () => {
    const { lastFrame, stdin } = setup();
    await waitForText(lastFrame, 'web-a');
    stdin.write(ENTER);
    const frame = await waitForText(lastFrame, 'host=web-a');
    expect(frame).toContain('db-1');
    expect(frame).not.toContain('worker-1');
    stdin.write(ESC);
    await waitForFrame(lastFrame, (f) => f.includes('Hosts ·') && f.includes('web-c'));
  });
});

describe('App: views and keys', () => {
  it('switches views with Tab and number keys', async () => {
    const { lastFrame, stdin } = setup();
    await waitForText(lastFrame, 'Hosts ·');
    stdin.write(TAB);
    await waitForText(lastFrame, 'Roles ·');
    stdin.write('3');
    await waitForText(lastFrame, 'Containers ·');
    stdin.write('4');
    await waitForText(lastFrame, 'Events ·');
  });

  it('shows roles with replicas, hosts and revision drift', async () => {
    const { lastFrame } = setup({ initialView: 'roles' });
    const frame = await waitForText(lastFrame, 'drift');
    expect(frame).toMatch(/web\s+2\/2/);
    expect(frame).toContain('web-a,web-b');
    expect(frame).toContain('2 image IDs');
  });

  it('shows containers with state, CPU and memory; sorts with o/O', async () => {
    const { lastFrame, stdin } = setup({ initialView: 'containers' });
    const frame = await waitForText(lastFrame, 'exited(137)');
    expect(frame).toMatch(/web-1\s+web\s+shop\/web:1\.4\s+running\/healthy\s+2h\s+0\s+12\.5%\s+105MB/);
    for (let i = 0; i < 7; i++) stdin.write('o');
    const sorted = await waitForText(lastFrame, 'CPU↓');
    const order = ['db-1', 'web-1'].map((n) => sorted.indexOf(n));
    expect(order[0]).toBeLessThan(order[1] ?? 0);
    stdin.write('O');
    const reversed = await waitForText(lastFrame, 'CPU↑');
    expect(reversed.indexOf('web-1')).toBeLessThan(reversed.indexOf('db-1'));
  });

  it('moves the selection with j/k and G/g', async () => {
    const { lastFrame, stdin } = setup({ initialView: 'containers' });
    await waitForFrame(lastFrame, (f) => /> web-a\s+web-1/.test(f));
    stdin.write('j');
    await waitForFrame(lastFrame, (f) => /> web-a\s+db-1/.test(f));
    stdin.write('G');
    await waitForFrame(lastFrame, (f) => /> web-b\s+worker-1/.test(f));
    stdin.write('g');
    await waitForFrame(lastFrame, (f) => /> web-a\s+web-1/.test(f));
    stdin.write(DOWN);
    await waitForFrame(lastFrame, (f) => /> web-a\s+db-1/.test(f));
  });

  it('lists events newest first with host and container', async () => {
    const { lastFrame } = setup({ initialView: 'events' });
    const frame = await waitForText(lastFrame, 'container die');
    expect(frame).toContain('exit 137 SIGKILL/OOM');
    expect(frame.indexOf('die')).toBeLessThan(frame.indexOf('container start'));
  });

  it('quits with q', async () => {
    const { lastFrame, stdin, calls } = setup();
    await waitForText(lastFrame, 'web-a');
    stdin.write('q');
    await waitForFrame(lastFrame, () => calls.quit === 1);
  });
});

describe('App: filter', () => {
  it('filters live by regex and clears with Esc', async () => {
    const { lastFrame, stdin } = setup({ initialView: 'containers' });
    await waitForText(lastFrame, 'worker-1');
    stdin.write('/');
    stdin.write('work|web-2');
    const frame = await waitForText(lastFrame, '/work|web-2/ · 2 of 4');
    expect(frame).toContain('worker-1');
    expect(frame).not.toContain('db-1');
    expect(frame).not.toContain('web-1');
    stdin.write(ESC);
    await waitForFrame(lastFrame, (f) => f.includes('db-1') && !f.includes('/work'));
  });

  it('shows an invalid regex instead of crashing, matching literally meanwhile', async () => {
    const { lastFrame, stdin } = setup({ initialView: 'containers' });
    await waitForText(lastFrame, 'worker-1');
    stdin.write('/');
    stdin.write('web[');
    const frame = await waitForText(lastFrame, 'invalid regex');
    expect(frame).toContain('no containers match');
    stdin.write('\x7f');
    await waitForFrame(lastFrame, (f) => f.includes('web-1') && !f.includes('invalid regex'));
  });
});

describe('App: command mode', () => {
  it('completes commands and role names with Tab', async () => {
    const { lastFrame, stdin } = setup();
    await waitForText(lastFrame, 'web-a');
    stdin.write(':');
    stdin.write('p');
    stdin.write(TAB);
    await waitForText(lastFrame, ':ps _');
    stdin.write('w');
    stdin.write(TAB);
    await waitForText(lastFrame, ':ps w_');
    await waitForText(lastFrame, 'web worker');
    stdin.write('e');
    stdin.write(TAB);
    await waitForText(lastFrame, ':ps web_');
    stdin.write(ENTER);
    const frame = await waitForText(lastFrame, 'role=web');
    expect(frame).toContain('web-2');
    expect(frame).not.toContain('db-1');
  });

  it('runs :host, :roles, :events and reports unknown commands', async () => {
    const { lastFrame, stdin } = setup();
    await waitForText(lastFrame, 'web-a');
    stdin.write(':host web-b');
    stdin.write(ENTER);
    await waitForText(lastFrame, 'host=web-b');
    stdin.write(':roles');
    stdin.write(ENTER);
    await waitForText(lastFrame, 'Roles ·');
    stdin.write(':events');
    stdin.write(ENTER);
    await waitForText(lastFrame, 'Events ·');
    stdin.write(':bogus');
    stdin.write(ENTER);
    await waitForText(lastFrame, 'unknown command ":bogus"');
  });

  it('switches theme with :theme and warns on an unknown one', async () => {
    const { lastFrame, stdin } = setup();
    await waitForText(lastFrame, 'web-a');
    stdin.write(':theme mono');
    stdin.write(ENTER);
    await waitForText(lastFrame, 'theme mono');
    stdin.write(':theme nope');
    stdin.write(ENTER);
    await waitForText(lastFrame, 'theme "nope" not found');
  });
});

describe('App: details', () => {
  it('opens details with Enter, masks secrets, shows lifecycle and health log', async () => {
    const { lastFrame, stdin, calls } = setup({ initialView: 'containers' });
    await waitForText(lastFrame, 'db-1');
    stdin.write('j');
    await waitForFrame(lastFrame, (f) => /> web-a\s+db-1/.test(f));
    stdin.write(ENTER);
    const frame = await waitForText(lastFrame, 'stop signal');
    expect(calls.loaded).toEqual(['web-a/web-a-db-1-0123456789abcdef']);
    expect(frame).toContain('SIGQUIT');
    expect(frame).toContain('30s');
    expect(frame).toContain('unless-stopped');
    expect(frame).toContain('restarted 2×');
    expect(calls.visible.at(-1)).toEqual(['web-a/web-a-db-1-0123456789abcdef']);
    // Labels and env come later in the page: scroll to them.
    stdin.write('G');
    const end = await waitForText(lastFrame, 'DB_PASSWORD');
    expect(end).toContain('DB_PASSWORD=••••••');
    expect(end).not.toContain('hunter2');
    expect(end).toContain('exit 0');
  });

  it('shows a load error naming host and container', async () => {
    const { lastFrame, stdin } = setup({
      initialView: 'containers',
      loadDetails: () => Promise.reject(new Error('connection lost')),
    });
    await waitForText(lastFrame, 'web-1');
    stdin.write(ENTER);
    await waitForText(lastFrame, 'web-a: cannot inspect container web-a-web-1-');
  });
});

describe('App: help and read-only', () => {
  it('generates help from the keymap for the current view', async () => {
    const { lastFrame, stdin } = setup({ initialView: 'containers', actions: new FakeActions() });
    await waitForText(lastFrame, 'web-1');
    stdin.write('?');
    const frame = await waitForText(lastFrame, 'Keys in the Containers view');
    expect(frame).toContain('Sort by next column');
    expect(frame).toContain('Restart container');
    expect(frame).not.toContain('Redeploy role');
  });

  it('hides and unbinds mutating keys when read-only', async () => {
    const actions = new FakeActions();
    const { lastFrame, stdin } = setup({ initialView: 'containers', readOnly: true, actions });
    await waitForText(lastFrame, 'web-1');
    stdin.write('r');
    stdin.write('?');
    const frame = await waitForText(lastFrame, 'Keys in the Containers view');
    expect(frame).not.toContain('Restart');
    expect(frame).not.toContain('Snapshot');
    stdin.write('G');
    await waitForText(lastFrame, 'Read-only');
    expect(actions.plans).toEqual([]);
  });

  it('plans a restart of the selected container when not read-only', async () => {
    const actions = new FakeActions();
    const { lastFrame, stdin } = setup({ initialView: 'containers', actions });
    await waitForText(lastFrame, 'web-1');
    stdin.write('r');
    await waitForText(lastFrame, 'restart web-a/web-1 — proceed?');
    expect(actions.plans).toEqual([{ kind: 'restart', target: 'web-a/web-1', params: {} }]);
  });

  it('leaves mutating keys unbound without an action handler', async () => {
    const { lastFrame, stdin } = setup({ initialView: 'containers' });
    await waitForText(lastFrame, 'web-1');
    stdin.write('?');
    const frame = await waitForText(lastFrame, 'Keys in the Containers view');
    expect(frame).not.toContain('Restart');
  });
});

describe('App: live data and sampling', () => {
  it('re-renders on publish and reports only visible container keys', async () => {
    const { lastFrame, fleet, calls } = setup({ initialView: 'containers' });
    await waitForText(lastFrame, 'web-1');
    await waitForFrame(lastFrame, () => calls.visible.length > 0);
    expect(calls.visible.at(-1)).toHaveLength(4);
    fleet.publish({ containers: fleet.getSnapshot().containers.slice(0, 1) });
    await waitForFrame(lastFrame, (f) => !f.includes('db-1'));
    await waitForFrame(lastFrame, () => calls.visible.at(-1)?.length === 1);
  });

  it('shows the local machine panel', async () => {
    const { lastFrame } = setup({
      localVitals: {
        load1: 0.5,
        load5: 0.25,
        load15: 0.1,
        memUsedBytes: 2 ** 31,
        memTotalBytes: 2 ** 33,
        diskUsedBytes: 2 ** 34,
        diskTotalBytes: 2 ** 36,
      },
    });
    await waitForText(lastFrame, 'local load 0.50 0.25 0.10  mem 2.1GB/8.6GB  disk 17GB/69GB');
  });

  it('draws sparklines of the selected container', async () => {
    const { lastFrame } = setup({ initialView: 'containers' });
    const frame = await waitForText(lastFrame, 'cpu ');
    expect(frame).toMatch(/web-1 cpu [▁-█]+/);
  });
});
