import { describe, expect, it } from 'vitest';
import {
  allLines,
  anchorShowing,
  listOf,
  scrolledAnchor,
  viewport,
} from '../../../src/ui/logs/logs-view-model.js';
import { FakeLogReader, out } from './fake-log-reader.js';

describe('logs view model', () => {
  it('follows the newest lines, or ends at the anchor while paused', () => {
    const r = new FakeLogReader(100);
    for (let i = 0; i < 10; i++) r.push(out('a/b', `l${i}`));
    const list = allLines(r.getSnapshot());
    expect(viewport(list, 3, undefined)).toEqual({ seqs: [7, 8, 9], bottomIndex: 9, below: 0 });
    expect(viewport(list, 3, 5)).toEqual({ seqs: [3, 4, 5], bottomIndex: 5, below: 4 });
  });

  it('keeps a full page when the anchor was trimmed by the line cap', () => {
    const r = new FakeLogReader(5);
    for (let i = 0; i < 20; i++) r.push(out('a/b', `l${i}`));
    expect(viewport(allLines(r.getSnapshot()), 3, 2).seqs).toEqual([15, 16, 17]);
  });

  it('scrolls within bounds and centres a jump target', () => {
    const list = listOf([2, 4, 6, 8, 10, 12]);
    expect(scrolledAnchor(list, 5, -100, 2)).toBe(4);
    expect(scrolledAnchor(list, 1, 100, 2)).toBe(12);
    expect(anchorShowing(list, 4, 4)).toBe(8);
    expect(viewport(list, 2, 7).seqs).toEqual([4, 6]);
  });
});
