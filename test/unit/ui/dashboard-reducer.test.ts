import { describe, expect, it } from 'vitest';
import { loadTheme } from '../../../src/theme/index.js';
import { reduce } from '../../../src/ui/dashboard/reducer.js';
import {
  initialDashboardState,
  type DashboardState,
  type FrameInfo,
  type KeyContext,
  type Step,
} from '../../../src/ui/dashboard/state.js';
import { MAIN_VIEWS, type MainView } from '../../../src/ui/views.js';

const theme = loadTheme({ name: 'dark', colorMode: 'none' }).theme;

function ctx(frame: Partial<FrameInfo> = {}, over: Partial<KeyContext> = {}): KeyContext {
  return {
    bindings: { readOnly: false, canAct: true },
    frame: { total: 0, rowKeys: [], paged: false, bodyHeight: 10, ...frame },
    hosts: ['web-a', 'web-b'],
    completion: { roles: ['web', 'worker'], hosts: ['web-a', 'web-b'], themes: ['dark', 'mono'] },
    ...over,
  };
}

const rows = (n: number): Partial<FrameInfo> => ({
  total: n,
  rowKeys: Array.from({ length: n }, (_, i) => `k${i}`),
});

function start(view: MainView = 'hosts'): DashboardState {
  return initialDashboardState({ view, theme });
}

/** Keys one after another, each on the state the previous one left (as typed faster than renders). */
function keys(s: DashboardState, names: readonly string[], c = ctx()): Step {
  let step: Step = { state: s, effects: [] };
  const effects = [];
  for (const name of names) {
    const text = [...name].length === 1 && name !== ' ' ? name : name === ' ' ? ' ' : undefined;
    step = reduce(step.state, { type: 'key', name, text }, c);
    effects.push(...step.effects);
  }
  return { state: step.state, effects };
}

describe('dashboard reducer', () => {
  it('switches views with number keys and Tab, dropping the way back', () => {
    expect(keys(start(), ['3']).state.view).toBe('containers');
    expect(keys(start(), ['tab', 'tab']).state.view).toBe('containers');
    expect(keys(start(), ['shift-tab']).state.view).toBe(MAIN_VIEWS.at(-1));
    expect(keys(start(), ['5']).state.stack).toEqual([]);
  });

  it('moves the cursor within the rows and follows the row key', () => {
    const c = ctx(rows(5));
    const down = keys(start(), ['j', 'j', 'j'], c).state;
    expect(down.cursors.hosts).toMatchObject({ index: 3, key: 'k3' });
    expect(keys(down, ['G'], c).state.cursors.hosts).toMatchObject({ index: 4 });
    expect(keys(down, ['g'], c).state.cursors.hosts).toMatchObject({ index: 0 });
    expect(keys(down, ['j', 'j', 'j'], c).state.cursors.hosts?.index).toBe(4);
  });

  it('scrolls a page by lines, never past its end', () => {
    const c = ctx({ total: 30, paged: true, bodyHeight: 10 });
    const s = { ...start(), view: 'details' as const };
    expect(keys(s, ['pagedown', 'pagedown', 'pagedown'], c).state.cursors.details?.offset).toBe(20);
    expect(keys(s, ['up'], c).state.cursors.details?.offset).toBe(0);
  });

  it('Enter on a host opens its containers; Esc goes back and drops the scope', () => {
    const c = ctx({ ...rows(2), selection: { kind: 'host', host: 'web-a' } });
    const opened = keys(start(), ['enter'], c).state;
    expect(opened).toMatchObject({ view: 'containers', scope: { host: 'web-a' }, stack: ['hosts'] });
    const back = keys(opened, ['esc'], c).state;
    expect(back).toMatchObject({ view: 'hosts', scope: {}, stack: [] });
  });

  it('Enter on a container opens its details', () => {
    const sel = { kind: 'container', host: 'web-a', id: 'abc', name: 'web-1' } as const;
    const s = keys(start('containers'), ['enter'], ctx({ ...rows(1), selection: sel })).state;
    expect(s).toMatchObject({ view: 'details', details: { host: 'web-a', id: 'abc', name: 'web-1' } });
    expect(keys(s, ['esc'], ctx()).state.view).toBe('containers');
  });

  it('filters live from the prompt, Esc clears first, then goes back', () => {
    const typed = keys(start(), ['/', 'w', 'e', 'b', 'x', 'backspace'], ctx(rows(3))).state;
    expect(typed.filters.hosts).toBe('web');
    expect(typed.mode).toBe('filter');
    const accepted = keys(typed, ['enter']).state;
    expect(accepted.mode).toBe('normal');
    expect(keys(accepted, ['esc']).state.filters.hosts).toBe('');
    expect(keys(typed, ['esc']).state).toMatchObject({ mode: 'normal', filters: { hosts: '' } });
  });

  it('keys typed into the filter prompt are text, not bindings', () => {
    const s = keys(start(), ['/', 'q', '3'], ctx(rows(3)));
    expect(s.effects).toEqual([]);
    expect(s.state).toMatchObject({ view: 'hosts', filters: { hosts: 'q3' } });
  });

  it('runs commands: :host scopes containers, warns about an unknown host, completes with Tab', () => {
    const ps = keys(start(), [':', 'h', 'o', 's', 't', ' ', 'w', 'e', 'b', '-', 'a', 'enter']).state;
    expect(ps).toMatchObject({ view: 'containers', scope: { host: 'web-a' }, mode: 'normal' });
    expect(ps.message).toBeUndefined();
    const unknown = keys(start(), [':', 'h', 'o', 's', 't', ' ', 'z', 'enter']).state;
    expect(unknown.message?.text).toBe('no host named "z" in the fleet');
    const completed = keys(start(), [':', 'p', 's', ' ', 'w', 'o', 'tab']).state;
    expect(completed.input).toBe('ps worker');
    expect(keys(start(), [':', 'n', 'o', 'p', 'e', 'enter']).state.message?.text).toMatch(
      /unknown command ":nope"/,
    );
  });

  it('returns effects as data: quit, theme, logs, actions', () => {
    expect(keys(start(), ['q']).effects).toEqual([{ type: 'quit' }]);
    expect(keys(start(), [':', 'q', 'enter']).effects).toEqual([{ type: 'quit' }]);
    expect(keys(start(), [':', 't', 'h', 'e', 'm', 'e', ' ', 'm', 'o', 'n', 'o', 'enter']).effects).toEqual([
      { type: 'loadTheme', name: 'mono' },
    ]);
    const logs = ctx({ ...rows(1), logs: (ofRows) => ({ kind: 'host', host: ofRows ? 'rows' : 'web-a' }) });
    expect(keys(start(), ['l'], logs).effects).toEqual([
      { type: 'openLogs', selection: { kind: 'host', host: 'web-a' } },
    ]);
    const sel = ctx({ ...rows(1), selection: { kind: 'container', host: 'h', id: 'i', name: 'n' } });
    expect(keys(start('containers'), ['r'], sel).effects).toEqual([
      { type: 'action', kind: 'restart', target: { kind: 'container', host: 'h', id: 'i', name: 'n' } },
    ]);
    const role = ctx({ ...rows(1), selection: { kind: 'role', role: 'web' } });
    expect(keys(start('roles'), ['R'], role).effects).toEqual([
      { type: 'action', kind: 'redeploy', target: { kind: 'role', role: 'web' } },
    ]);
  });

  it('says when nothing is selected to act on, and binds no action key when read-only', () => {
    expect(keys(start('containers'), ['s']).state.message?.text).toBe('nothing selected to snapshot');
    const ro = ctx(rows(1), { bindings: { readOnly: true, canAct: true } });
    expect(keys(start('containers'), ['r'], ro)).toMatchObject({ effects: [] });
  });

  it('opens help for the current view and comes back with Esc', () => {
    const help = keys(start('roles'), ['?']).state;
    expect(help).toMatchObject({ view: 'help', helpFor: 'roles', stack: ['roles'] });
    expect(keys(help, ['?']).state.helpFor).toBe('roles');
    expect(keys(help, ['esc']).state.view).toBe('roles');
  });

  it('sorts containers by the next column and reverses', () => {
    const s = keys(start('containers'), ['o', 'o']).state;
    expect(s.sort).toEqual({ column: 'name', descending: false });
    expect(keys(s, ['O']).state.sort).toEqual({ column: 'name', descending: true });
  });

  it('leaves the logs pane its own keys, and a key clears the last message', () => {
    const logs = { ...start(), view: 'logs' as const, stack: ['containers' as const] };
    expect(keys(logs, ['j', '/', 'n']).state).toBe(logs);
    expect(keys(logs, ['esc']).state.view).toBe('containers');
    const told = reduce(start(), { type: 'message', message: { text: 'hi', tone: 'text.dim' } }, ctx()).state;
    expect(keys(told, ['2']).state.message).toBeUndefined();
  });

  it('answers effects: a theme loaded, logs opened with a note', () => {
    const mono = loadTheme({ name: 'mono', colorMode: 'none' }).theme;
    const themed = reduce(start(), { type: 'theme', theme: mono, warnings: [] }, ctx()).state;
    expect(themed.theme).toBe(mono);
    expect(themed.message).toEqual({ text: 'theme mono', tone: 'text.dim' });
    const opened = reduce(start('containers'), { type: 'logsOpened', note: 'first 50' }, ctx()).state;
    expect(opened).toMatchObject({ view: 'logs', stack: ['containers'], message: { text: 'first 50' } });
  });
});

describe('e (shell)', () => {
  it('asks for a shell in the selected container; nothing selected says so; read-only binds nothing', () => {
    const sel = ctx({ ...rows(1), selection: { kind: 'container', host: 'h', id: 'i', name: 'n' } });
    expect(keys(start('containers'), ['e'], sel).effects).toEqual([
      { type: 'shell', target: { host: 'h', id: 'i', name: 'n' } },
    ]);
    expect(keys(start('containers'), ['e']).state.message?.text).toBe(
      'select a container to open a shell in',
    );
    const ro = ctx({ ...sel.frame }, { bindings: { readOnly: true, canAct: true } });
    expect(keys(start('containers'), ['e'], ro)).toMatchObject({ effects: [] });
    // Without an action layer (no executor to go through) the key is not bound either.
    const none = ctx({ ...sel.frame }, { bindings: { readOnly: false, canAct: false } });
    expect(keys(start('containers'), ['e'], none)).toMatchObject({ effects: [] });
  });
});
