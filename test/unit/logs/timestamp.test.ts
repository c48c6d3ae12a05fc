import { describe, expect, it } from 'vitest';
import { parseTimestamp, resumeSinceSeconds, splitTimestamp } from '../../../src/domain/logs/timestamp.js';

describe('splitTimestamp', () => {
  it('parses RFC3339Nano with trimmed fraction', () => {
    const s = splitTimestamp('2024-05-01T10:00:00.5Z hello world');
    expect(s.tsNs).toBe(BigInt(Date.UTC(2024, 4, 1, 10)) * 1_000_000n + 500_000_000n);
    expect(s.ts).toBe('2024-05-01T10:00:00.5Z');
    expect(s.rest).toBe('hello world');
  });

  it('keeps nanosecond precision', () => {
    const a = splitTimestamp('2024-05-01T10:00:00.000000001Z a').tsNs ?? 0n;
    const b = splitTimestamp('2024-05-01T10:00:00.000000002Z b').tsNs ?? 0n;
    expect(b - a).toBe(1n);
  });

  it('handles a zone offset and no fraction', () => {
    expect(parseTimestamp('2024-05-01T12:00:00+02:00')).toBe(parseTimestamp('2024-05-01T10:00:00Z'));
  });

  it('leaves lines without a timestamp alone', () => {
    expect(splitTimestamp('no time here')).toEqual({ ts: '', rest: 'no time here' });
    expect(splitTimestamp('2024-13-45T99:00:00Z bogus').tsNs).toBeUndefined();
  });

  it('resumes one microsecond before the last timestamp', () => {
    const ns = parseTimestamp('2024-05-01T10:00:00.123456789Z') ?? 0n;
    const since = resumeSinceSeconds(ns);
    expect(since).toBeLessThan(Number(ns) / 1e9);
    expect(Number(ns) / 1e9 - since).toBeLessThan(3e-6);
  });
});
