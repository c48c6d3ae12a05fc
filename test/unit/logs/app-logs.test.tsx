import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import type { Container } from '../../../src/domain/container.js';
import type { ContainerDetails } from '../../../src/domain/details.js';
import type { OpenLogTail } from '../../../src/fleet/logs/reader.js';
import { App, type AppProps } from '../../../src/ui/App.js';
import type { MainView } from '../../../src/ui/views.js';
import { details, ManualClock, sampleFleet, theme, waitForFrame } from '../ui/support.js';
import { waitFor } from './fake-host-api.js';
import { FakeLogReader, out } from './fake-log-reader.js';

const ESC = '\x1b';
const TAB = '\t';
const ENTER = '\r';

const dirs: string[] = [];
afterEach(() => {
  cleanup();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** The App on the sample fleet with a fake log opener that records what it was asked to open. */
async function setup(initialView: MainView, overrides: Partial<AppProps> = {}) {
  const fleet = sampleFleet();
  const opened: Array<{ names: string[]; tail: FakeLogReader }> = [];
  const openLogTail: OpenLogTail = (containers: readonly Container[]) => {
    const tail = new FakeLogReader();
    tail.sources = containers.map((c) => ({ id: `${c.host}/${c.name}`, state: 'streaming' }));
    opened.push({ names: containers.map((c) => `${c.host}/${c.name}`), tail });
    return tail;
  };
  let quits = 0;
  const props: AppProps = {
    reader: fleet,
    readOnly: true,
    wallboard: false,
    theme: theme('none'),
    colorMode: 'none',
    onQuit: () => quits++,
    loadDetails: async (h, id): Promise<ContainerDetails> => {
      const c = fleet.getSnapshot().containers.find((x) => x.host === h && x.id === id);
      if (!c) throw new Error('no such container');
      return details(c);
    },
    clock: new ManualClock(),
    initialView,
    openLogTail,
    ...overrides,
  };
  const ui = render(<App {...props} />);
  const frame = (): string => ui.lastFrame() ?? '';
  const until = (cond: (f: string) => boolean): Promise<string> => waitForFrame(ui.lastFrame, cond);
  await waitFor(() => ui.stdin.listenerCount('readable') > 0, 2000, 'Ink listening to stdin');
  const last = (): { names: string[]; tail: FakeLogReader } => {
    const o = opened.at(-1);
    if (!o) throw new Error('no logs opened');
    return o;
  };
  /** Moves the selection down until the row matching `row` is selected (`> ` marks it). */
  const select = async (row: RegExp): Promise<void> => {
    for (let i = 0; i < 10; i++) {
      const before = frame();
      if (row.test(before)) return;
      ui.stdin.write('j');
      await until((f) => f !== before);
    }
    throw new Error(`row ${row} never selected; last frame:\n${frame()}`);
  };
  return { ui, frame, until, select, opened, last, quits: () => quits };
}

describe('App: Logs view', () => {
  it('opens with l on a container, shows its lines as they arrive, and Esc closes the view and the tail', async () => {
    const { ui, until, opened, last } = await setup('containers');
    await until((f) => /> web-a\s+web-1/.test(f));
    ui.stdin.write('l');
    await until((f) => f.includes('Logs · web-a/web-1'));
    expect(opened.map((o) => o.names)).toEqual([['web-a/web-1']]);
    last().tail.push(out('web-a/web-1', 'GET /health 200'));
    await until((f) => f.includes('web-a/web-1 │ GET /health 200'));
    last().tail.push(out('web-a/web-1', 'upstream timed out', 'stderr'));
    await until((f) => f.includes('web-a/web-1 ! upstream timed out'));
    expect(last().tail.closed).toBe(0);

    ui.stdin.write(ESC);
    await until((f) => f.includes('Containers ·') && !f.includes('GET /health'));
    await waitFor(() => last().tail.closed === 1, 2000, 'the tail closed');
  });

  it('opens the running replicas of a role across the fleet with l in Roles', async () => {
    const { ui, until, select, opened } = await setup('roles');
    await until((f) => f.includes('worker'));
    await select(/> web\s/);
    ui.stdin.write('l');
    await until((f) => f.includes('Logs · role web (2 containers)'));
    expect(opened[0]?.names.sort()).toEqual(['web-a/web-1', 'web-b/web-2']);
  });

  it('opens every running container of a host with l in Hosts', async () => {
    const { ui, until, opened } = await setup('hosts');
    await until((f) => f.includes('web-c'));
    ui.stdin.write('l');
    await until((f) => f.includes('Logs · host web-a (2 containers)'));
    expect(opened[0]?.names.sort()).toEqual(['web-a/db-1', 'web-a/web-1']);
  });

  it('opens every running row matching the filter with L in Containers', async () => {
    const { ui, until, opened } = await setup('containers');
    await until((f) => f.includes('worker-1'));
    ui.stdin.write('/');
    ui.stdin.write('web-\\d|worker');
    await until((f) => f.includes('/web-\\d|worker/ · 3 of 4'));
    ui.stdin.write(ENTER);
    ui.stdin.write('L');
    await until((f) => f.includes('Logs · containers /web-\\d|worker/ (2 containers)'));
    // worker-1 matched the filter but has exited: a group shows only live output.
    expect(opened[0]?.names.sort()).toEqual(['web-a/web-1', 'web-b/web-2']);
  });

  it('opens the container shown in Details with l', async () => {
    const { ui, until, opened } = await setup('containers');
    await until((f) => /> web-a\s+web-1/.test(f));
    ui.stdin.write(ENTER);
    await until((f) => f.includes('Details ·'));
    ui.stdin.write('l');
    await until((f) => f.includes('Logs · web-a/web-1'));
    expect(opened[0]?.names).toEqual(['web-a/web-1']);
    ui.stdin.write(ESC);
    await until((f) => f.includes('Details ·'));
  });

  it('says why when a role has nothing running, and opens nothing', async () => {
    const { ui, until, select, opened } = await setup('roles');
    await until((f) => f.includes('worker'));
    await select(/> worker/);
    ui.stdin.write('l');
    await until((f) => f.includes('role worker: no running containers (1 stopped)'));
    expect(opened).toHaveLength(0);
  });

  it('closes the streams when another view is chosen, but keeps them under help', async () => {
    const { ui, until, last } = await setup('containers');
    await until((f) => /> web-a\s+web-1/.test(f));
    ui.stdin.write('l');
    await until((f) => f.includes('Logs · web-a/web-1'));
    ui.stdin.write('?');
    const help = await until((f) => f.includes('Keys in the Logs view'));
    // Help is generated from the keymap: the pane's keys and Esc to close are listed.
    expect(help).toContain('Search (regex, live)');
    ui.stdin.write('G');
    const end = await until((f) => f.includes('Write the buffer to a file'));
    expect(end).toMatch(/Space\s+Pause \/ follow/);
    expect(end).toContain('close logs');
    expect(`${help}${end}`).not.toContain('Command (');
    expect(last().tail.closed).toBe(0);
    ui.stdin.write(ESC);
    await until((f) => f.includes('Logs · web-a/web-1'));
    ui.stdin.write(TAB);
    await until((f) => !f.includes('Logs ·'));
    await waitFor(() => last().tail.closed === 1, 2000, 'the tail closed');
  });

  it('gives every key to the search prompt while it is open: q searches, Esc closes only the prompt', async () => {
    const { ui, until, last, quits } = await setup('containers');
    await until((f) => /> web-a\s+web-1/.test(f));
    ui.stdin.write('l');
    await until((f) => f.includes('Logs · web-a/web-1'));
    last().tail.push(out('web-a/web-1', 'quota exceeded'), out('web-a/web-1', 'all fine'));
    await until((f) => f.includes('all fine'));
    ui.stdin.write('/');
    ui.stdin.write('q');
    ui.stdin.write('u');
    await until((f) => f.includes('/qu'));
    ui.stdin.write(ESC);
    await until((f) => !f.includes('/qu') && f.includes('Logs · web-a/web-1'));
    expect(quits()).toBe(0);
    expect(last().tail.closed).toBe(0);
    ui.stdin.write('/');
    ui.stdin.write('quota');
    ui.stdin.write(ENTER);
    await until((f) => f.includes('/quota/i 1 match'));
    ui.stdin.write(ESC);
    await until((f) => f.includes('Containers ·'));
    await waitFor(() => last().tail.closed === 1, 2000, 'the tail closed');
  });

  it('w saves the buffer under the logs dir and shows the path', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fleetdeck-logs-'));
    dirs.push(dir);
    const { ui, until, last } = await setup('containers', { logsDir: dir });
    await until((f) => /> web-a\s+web-1/.test(f));
    ui.stdin.write('l');
    await until((f) => f.includes('Logs · web-a/web-1'));
    last().tail.push(out('web-a/web-1', 'one'));
    await until((f) => f.includes('│ one'));
    ui.stdin.write('w');
    await until((f) => f.includes(`saved 1 lines to ${dir}/fleetdeck-logs-web-a-web-1-`));
    const path = last().tail.saved[0]?.path ?? '';
    expect(path).toMatch(/fleetdeck-logs-web-a-web-1-\d{8}-\d{6}Z\.log$/);
  });

  it('closes the tail when the dashboard goes away', async () => {
    const { ui, until, last } = await setup('containers');
    await until((f) => /> web-a\s+web-1/.test(f));
    ui.stdin.write('l');
    await until((f) => f.includes('Logs · web-a/web-1'));
    ui.unmount();
    await waitFor(() => last().tail.closed === 1, 2000, 'the tail closed');
  });

  it('without an opener, l says logs are unavailable', async () => {
    const { ui, until } = await setup('containers', { openLogTail: undefined });
    await until((f) => /> web-a\s+web-1/.test(f));
    ui.stdin.write('l');
    await until((f) => f.includes('logs are not available here'));
  });
});
