import { describe, expect, it } from 'vitest';
import { keyContextOf } from '../../../src/ui/dashboard/key-context.js';
import type { FrameInfo } from '../../../src/ui/dashboard/state.js';
import { sampleFleet } from './support.js';

const frame: FrameInfo = { total: 0, rowKeys: [], paged: false, bodyHeight: 10 };
const bindings = { readOnly: false, canAct: true };

describe('keyContextOf', () => {
  it('lists hosts and roles of the snapshot once each, and no swarms for a fleet without them', () => {
    const snapshot = sampleFleet().getSnapshot();
    const ctx = keyContextOf(snapshot, bindings, frame, { type: 'key', name: 'j' }, () => ['dark']);
    expect(ctx.hosts).toEqual(['web-a', 'web-b', 'web-c']);
    expect(ctx.completion.roles).toEqual(['web', 'db', 'worker']);
    expect(ctx.swarms).toBe(false);
  });

  it('reads the theme catalog only for Tab (completing :theme)', () => {
    const snapshot = sampleFleet().getSnapshot();
    let reads = 0;
    const names = () => {
      reads += 1;
      return ['dark', 'mono'];
    };
    expect(
      keyContextOf(snapshot, bindings, frame, { type: 'key', name: 'j' }, names).completion.themes,
    ).toEqual([]);
    expect(reads).toBe(0);
    const tab = keyContextOf(snapshot, bindings, frame, { type: 'key', name: 'tab' }, names);
    expect(tab.completion.themes).toEqual(['dark', 'mono']);
    expect(reads).toBe(1);
  });
});
