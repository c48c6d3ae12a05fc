import { describe, expect, it } from 'vitest';
import { loadTheme } from '../../../src/theme/index.js';
import { reduce } from '../../../src/ui/dashboard/reducer.js';
import {
  initialDashboardState,
  type DashboardState,
  type FrameInfo,
  type KeyContext,
} from '../../../src/ui/dashboard/state.js';

const theme = loadTheme({ name: 'dark', colorMode: 'none' }).theme;

function ctx(frame: Partial<FrameInfo> = {}): KeyContext {
  return {
    bindings: { readOnly: true, canAct: false },
    frame: { total: 0, rowKeys: [], paged: true, bodyHeight: 10, ...frame },
    hosts: ['lab-0', 'lab-1'],
    completion: { roles: ['web'], hosts: ['lab-0', 'lab-1'], themes: [] },
  };
}

function inDetails(): DashboardState {
  return {
    ...initialDashboardState({ view: 'containers', theme }),
    view: 'details',
    stack: ['containers'],
    details: { host: 'lab-0', id: 'a', name: 'web-1' },
  };
}

const key = (s: DashboardState, name: string, c: KeyContext) =>
  reduce(s, { type: 'key', name, text: name }, c);
const web2 = { host: 'lab-1', id: 'b', name: 'web-2' };
const web3 = { host: 'lab-1', id: 'c', name: 'web-3' };

describe('c: compare with another replica (reducer)', () => {
  it('compares at once with the only other replica, and Esc goes back to details', () => {
    const s = key(inDetails(), 'c', ctx({ replicas: [web2] })).state;
    expect(s).toMatchObject({ view: 'compare', compare: web2 });
    expect(key(s, 'esc', ctx()).state).toMatchObject({ view: 'details' });
  });

  it('opens the picker with several; Enter takes the one under the cursor; c picks again', () => {
    const picking = key(inDetails(), 'c', ctx({ replicas: [web2, web3] })).state;
    expect(picking.view).toBe('compare');
    expect(picking.compare).toBeUndefined();
    const picked = key(
      picking,
      'enter',
      ctx({ paged: false, total: 2, selection: { kind: 'container', ...web3 } }),
    ).state;
    expect(picked.compare).toEqual(web3);
    expect(key(picked, 'c', ctx()).state.compare).toBeUndefined();
  });

  it('stays in details with a message when there is no other replica', () => {
    const s = key(inDetails(), 'c', ctx({ replicas: [] })).state;
    expect(s.view).toBe('details');
    expect(s.message?.text).toBe('web-1: no other replica of its role to compare with');
  });
});

describe(':events filters (reducer)', () => {
  const run = (s: DashboardState, text: string) => {
    let state = key(s, ':', ctx()).state;
    for (const ch of text) state = key(state, ch, ctx()).state;
    return key(state, 'enter', ctx()).state;
  };

  it('sets the filter, warns of an unknown role, and Esc clears it before leaving', () => {
    const start = initialDashboardState({ view: 'hosts', theme });
    const s = run(start, 'events role=web host=lab-1 die');
    expect(s).toMatchObject({
      view: 'events',
      eventFilter: { roles: ['web'], hosts: ['lab-1'], kinds: ['die'] },
      message: undefined,
    });
    expect(run(s, 'events role=api').message?.text).toBe('no role named "api" in the fleet now');
    const cleared = key(s, 'esc', ctx()).state;
    expect(cleared).toMatchObject({ view: 'events', eventFilter: undefined });
    expect(run(s, 'events').eventFilter).toBeUndefined();
  });
});
