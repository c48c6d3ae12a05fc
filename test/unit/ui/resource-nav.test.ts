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
import { activeBindings } from '../../../src/ui/keymap.js';
import type { MainView } from '../../../src/ui/views.js';

const theme = loadTheme({ name: 'dark', colorMode: 'none' }).theme;

function ctx(frame: Partial<FrameInfo> = {}, bindings: KeyContext['bindings'] = rw): KeyContext {
  return {
    bindings,
    frame: { total: 0, rowKeys: [], paged: false, bodyHeight: 10, ...frame },
    hosts: ['lab-0', 'lab-1'],
    completion: { roles: [], hosts: [], themes: [] },
  };
}
const rw = { readOnly: false, canAct: true, canPrune: true };
const ro = { readOnly: true, canAct: false, canPrune: true };
const rows = (keys: string[], selectedIndex = 0): Partial<FrameInfo> => ({
  total: keys.length,
  rowKeys: keys,
  selectedIndex,
});

const start = (view: MainView): DashboardState => initialDashboardState({ view, theme });

function keys(s: DashboardState, names: readonly string[], c = ctx()): Step {
  let step: Step = { state: s, effects: [] };
  const effects = [];
  for (const name of names) {
    step = reduce(step.state, { type: 'key', name, text: [...name].length === 1 ? name : undefined }, c);
    effects.push(...step.effects);
  }
  return { state: step.state, effects };
}

describe('resource views: navigation', () => {
  it('Tab goes Storage → Images → Volumes → Networks, Shift-Tab back; :images/:volumes/:networks open them', () => {
    const images = keys(start('storage'), ['tab']).state;
    expect(images.view).toBe('images');
    expect(keys(images, ['tab']).state.view).toBe('volumes');
    expect(keys(images, ['tab', 'tab']).state.view).toBe('networks');
    expect(keys(images, ['shift-tab']).state.view).toBe('storage');
    for (const view of ['images', 'volumes', 'networks'] as const)
      expect(keys(start('hosts'), [':', ...view, 'enter']).state.view).toBe(view);
  });

  it('Enter opens the row under the cursor (its places page); Esc goes back to the list, Tab on from it', () => {
    const c = ctx(rows(['sha256:aaa', 'sha256:bbb'], 1));
    const opened = keys(start('images'), ['enter'], c).state;
    expect(opened).toMatchObject({ view: 'image', resource: 'sha256:bbb', stack: ['images'] });
    expect(keys(opened, ['esc'], ctx()).state).toMatchObject({ view: 'images', stack: [] });
    expect(keys(opened, ['tab'], ctx()).state.view).toBe('volumes');
    const volume = keys(start('volumes'), ['enter'], ctx(rows(['data@local']))).state;
    expect(volume).toMatchObject({ view: 'volume', resource: 'data@local' });
    const network = keys(start('networks'), ['enter'], ctx(rows(['app@bridge']))).state;
    expect(network).toMatchObject({ view: 'network', resource: 'app@bridge' });
    expect(keys(start('images'), ['enter'], ctx()).state.view).toBe('images');
  });

  it('moves the cursor over the rows and filters them like the other lists', () => {
    const c = ctx(rows(['a', 'b', 'c']));
    expect(keys(start('volumes'), ['j', 'j'], c).state.cursors.volumes).toMatchObject({ index: 2, key: 'c' });
    const filtered = keys(start('networks'), ['/', 'a', 'p', 'p', 'enter'], c).state;
    expect(filtered.filters.networks).toBe('app');
    expect(keys(filtered, ['esc'], c).state.filters.networks).toBe('');
  });

  it('r asks for a fresh read of the view’s kind, in the list and on a places page', () => {
    expect(keys(start('images'), ['r']).effects).toEqual([{ type: 'refreshResources', kind: 'images' }]);
    const page = { ...start('volumes'), view: 'volume' as const, resource: 'data@local' };
    expect(keys(page, ['r']).effects).toEqual([{ type: 'refreshResources', kind: 'volumes' }]);
  });

  it('P plans a prune of images or volumes — in read-only too (the executor refuses there), not without a layer', () => {
    expect(keys(start('images'), ['P']).effects).toEqual([{ type: 'prune', what: 'images' }]);
    expect(keys(start('volumes'), ['P'], ctx({}, ro)).effects).toEqual([{ type: 'prune', what: 'volumes' }]);
    const none = { readOnly: false, canAct: false };
    expect(keys(start('images'), ['P'], ctx({}, none)).effects).toEqual([]);
    // Other mutating keys stay unbound in read-only.
    expect(activeBindings('containers', ro).some((b) => b.mutating)).toBe(false);
    expect(activeBindings('images', ro).map((b) => b.id)).toContain('action.prune');
  });

  it('P in Networks plans a prune of networks', () => {
    expect(keys(start('networks'), ['P']).effects).toEqual([{ type: 'prune', what: 'networks' }]);
  });

  it('has no key bound twice in a resource view', () => {
    for (const view of ['images', 'volumes', 'networks', 'image', 'volume', 'network'] as const) {
      const bound = activeBindings(view, rw).flatMap((b) => b.keys);
      expect(new Set(bound).size).toBe(bound.length);
    }
  });
});
