import { describe, expect, it } from 'vitest';
import type { LogLine } from '../../../src/domain/logs/log-line.js';
import { LogMerger } from '../../../src/domain/logs/merger.js';

function line(source: string, tsNs: number, text = `${source}@${tsNs}`): LogLine {
  return { kind: 'line', source, stream: 'stdout', tsNs: BigInt(tsNs), ts: String(tsNs), text };
}

describe('LogMerger', () => {
  it('merges finished tails in exact timestamp order', () => {
    const m = new LogMerger({ watermarkMs: Infinity });
    m.addSource('a');
    m.addSource('b');
    m.addSource('c');
    for (const t of [1, 4, 7]) m.push('a', line('a', t), 0);
    for (const t of [2, 3, 9]) m.push('b', line('b', t), 0);
    // c has not said anything yet: nothing may be released.
    expect(m.drain(10_000)).toEqual([]);
    m.push('c', line('c', 5), 0);
    m.setBlocking('c', false); // c ended
    const first = m.drain(10_000).map((l) => l.tsNs);
    expect(first).toEqual([1n, 2n, 3n, 4n, 5n, 7n]);
    m.setBlocking('a', false);
    expect(m.drain(10_000).map((l) => l.tsNs)).toEqual([9n]);
  });

  it('keeps equal timestamps of one source in arrival order', () => {
    const m = new LogMerger({ watermarkMs: Infinity });
    m.push('a', line('a', 1, 'first'), 0);
    m.push('a', line('a', 1, 'second'), 0);
    m.setBlocking('a', false);
    expect(m.drainAll().map((l) => l.text)).toEqual(['first', 'second']);
  });

  it('in follow mode releases a line once the others have shown a later time', () => {
    const m = new LogMerger({ watermarkMs: 250 });
    m.addSource('a');
    m.addSource('b');
    m.push('a', line('a', 10), 0);
    expect(m.drain(0)).toEqual([]);
    m.push('b', line('b', 20), 1);
    expect(m.drain(1).map((l) => l.text)).toEqual(['a@10']);
    // b@20 waits for a to show something later, or for the watermark.
    expect(m.drain(100)).toEqual([]);
    expect(m.drain(251).map((l) => l.text)).toEqual(['b@20']);
  });

  it('is never stuck behind a silent source', () => {
    const m = new LogMerger({ watermarkMs: 250 });
    m.addSource('silent');
    m.push('a', line('a', 1), 1000);
    expect(m.drain(1100)).toEqual([]);
    expect(m.drain(1250)).toHaveLength(1);
  });

  it('does not wait for sources that are not streaming', () => {
    const m = new LogMerger({ watermarkMs: 250 });
    m.addSource('reconnecting');
    m.setBlocking('reconnecting', false);
    m.push('a', line('a', 1), 0);
    expect(m.drain(0)).toHaveLength(1);
  });

  it('releases a flooded queue without waiting, bounding memory', () => {
    const m = new LogMerger({ watermarkMs: Infinity, maxQueued: 100 });
    m.addSource('silent');
    for (let i = 0; i < 1000; i++) m.push('a', line('a', i), 0);
    expect(m.drain(0)).toHaveLength(900);
    expect(m.queued).toBe(100);
  });
});
