import { describe, expect, it } from 'vitest';
import { formatLogLineJson, formatLogLineText } from '../../../src/domain/logs/format.js';
import { LineAssembler } from '../../../src/domain/logs/line-assembler.js';
import type { LogLine } from '../../../src/domain/logs/log-line.js';
import { parseSince } from '../../../src/domain/logs/since.js';
import { sourceColorIndex } from '../../../src/domain/logs/source-color.js';

describe('parseSince', () => {
  const now = Date.UTC(2024, 4, 1, 12);
  it('parses durations back from now', () => {
    expect(parseSince('1h30m', now)).toEqual({ ok: true, seconds: now / 1000 - 5400 });
    expect(parseSince('90s', now)).toEqual({ ok: true, seconds: now / 1000 - 90 });
  });
  it('parses times and epoch seconds', () => {
    expect(parseSince('2024-05-01T10:00:00Z', now)).toEqual({
      ok: true,
      seconds: Date.UTC(2024, 4, 1, 10) / 1000,
    });
    expect(parseSince('1714557600', now)).toEqual({ ok: true, seconds: 1714557600 });
  });
  it('rejects nonsense with a hint', () => {
    const r = parseSince('yesterday', now);
    expect(r.ok).toBe(false);
  });
});

describe('sourceColorIndex', () => {
  it('is stable and within the palette', () => {
    expect(sourceColorIndex('web-a/api-1', 6)).toBe(sourceColorIndex('web-a/api-1', 6));
    const seen = new Set(
      ['a/1', 'a/2', 'b/1', 'b/2', 'c/1', 'c/2', 'd/1'].map((s) => sourceColorIndex(s, 6)),
    );
    expect([...seen].every((i) => i >= 0 && i < 6)).toBe(true);
    expect(seen.size).toBeGreaterThan(2);
  });
});

describe('format', () => {
  const line: LogLine = {
    kind: 'line',
    source: 'h/c',
    stream: 'stderr',
    tsNs: 1n,
    ts: '2024-05-01T10:00:00Z',
    text: 'boom',
  };
  it('formats text with stderr mark and optional timestamp', () => {
    expect(formatLogLineText(line, { timestamps: false })).toBe('h/c ! boom');
    expect(formatLogLineText({ ...line, stream: 'stdout' }, { timestamps: true, prefixWidth: 5 })).toBe(
      'h/c   | 2024-05-01T10:00:00Z boom',
    );
  });
  it('formats one JSON object per line', () => {
    expect(JSON.parse(formatLogLineJson(line))).toEqual({
      type: 'line',
      host: 'h',
      container: 'c',
      stream: 'stderr',
      time: '2024-05-01T10:00:00Z',
      text: 'boom',
    });
  });
});

describe('LineAssembler', () => {
  it('joins pieces and splits on newlines', () => {
    const a = new LineAssembler();
    expect(a.push(Buffer.from('ab'))).toEqual([]);
    expect(a.push(Buffer.from('c\nd\n\ne')).map((x) => x.bytes.toString())).toEqual(['abc', 'd', '']);
    expect(a.flush().map((x) => x.bytes.toString())).toEqual(['e']);
    expect(a.flush()).toEqual([]);
  });
  it('bounds pending bytes of an endless line', () => {
    const a = new LineAssembler(100);
    const out = [];
    for (let i = 0; i < 100; i++) out.push(...a.push(Buffer.alloc(50, 0x78)));
    expect(out.length).toBe(49);
    expect(out.every((x) => x.bytes.length === 100)).toBe(true);
    expect(out[1]?.continued).toBe(true);
    expect(out[0]?.continued).toBe(false);
  });
});
