import { describe, expect, it } from 'vitest';
import { RingBuffer } from '../../../src/domain/logs/ring-buffer.js';

describe('RingBuffer', () => {
  it('keeps at most capacity items and counts evictions', () => {
    const r = new RingBuffer<number>(3);
    for (let i = 0; i < 10; i++) r.push(i);
    expect(r.length).toBe(3);
    expect(r.toArray()).toEqual([7, 8, 9]);
    expect(r.evicted).toBe(7);
    expect(r.startSeq).toBe(7);
    expect(r.endSeq).toBe(10);
  });

  it('addresses items by sequence number across evictions', () => {
    const r = new RingBuffer<string>(2);
    r.push('a');
    r.push('b');
    expect(r.at(0)).toBe('a');
    r.push('c');
    expect(r.at(0)).toBeUndefined();
    expect(r.at(1)).toBe('b');
    expect(r.at(2)).toBe('c');
    expect(r.at(3)).toBeUndefined();
  });

  it('rejects a zero capacity', () => {
    expect(() => new RingBuffer(0)).toThrow(RangeError);
  });

  it('stays bounded under a million pushes', () => {
    const r = new RingBuffer<number>(1000);
    for (let i = 0; i < 1_000_000; i++) r.push(i);
    expect(r.length).toBe(1000);
    expect(r.at(999_999)).toBe(999_999);
  });
});
