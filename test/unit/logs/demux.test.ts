import { describe, expect, it } from 'vitest';
import { LogDemuxer, encodeFrame } from '../../../src/domain/logs/demux.js';
import { SourceDecoder } from '../../../src/domain/logs/source-decoder.js';

// Bytes as dockerd sends them for a non-TTY container with timestamps=true.
const recorded = Buffer.concat([
  encodeFrame('stdout', '2024-05-01T10:00:00.000000001Z hello\n'),
  encodeFrame('stderr', '2024-05-01T10:00:00.5Z warn: héllo wörld\n'),
  encodeFrame('stdout', '2024-05-01T10:00:01.123456789Z part'),
  encodeFrame('stdout', 'ial line\n'),
  encodeFrame('stdout', ''),
  encodeFrame('stderr', '2024-05-01T10:00:02Z \u{1F600} emoji\n'),
]);

function decodeInChunks(chunks: Buffer[]): Array<[string, string, string]> {
  const d = new SourceDecoder('h/c', false);
  const lines = chunks.flatMap((c) => d.push(c)).concat(d.flush());
  return lines.map((l) => [l.stream, l.ts, l.text]);
}

const expected: Array<[string, string, string]> = [
  ['stdout', '2024-05-01T10:00:00.000000001Z', 'hello'],
  ['stderr', '2024-05-01T10:00:00.5Z', 'warn: héllo wörld'],
  ['stdout', '2024-05-01T10:00:01.123456789Z', 'partial line'],
  ['stderr', '2024-05-01T10:00:02Z', '\u{1F600} emoji'],
];

describe('LogDemuxer', () => {
  it('decodes whole recorded frames', () => {
    expect(decodeInChunks([recorded])).toEqual(expected);
  });

  it('decodes the same lines when the stream is split at every offset', () => {
    for (let cut = 1; cut < recorded.length; cut++) {
      expect(decodeInChunks([recorded.subarray(0, cut), recorded.subarray(cut)])).toEqual(expected);
    }
  });

  it('decodes byte by byte', () => {
    const bytes = [...recorded].map((b) => Buffer.from([b]));
    expect(decodeInChunks(bytes)).toEqual(expected);
  });

  it('hands out payload of a big frame before the frame is complete', () => {
    const d = new LogDemuxer();
    const frame = encodeFrame('stderr', Buffer.alloc(100_000, 0x61));
    const first = d.push(frame.subarray(0, 1000));
    expect(first).toHaveLength(1);
    expect(first[0]?.stream).toBe('stderr');
    expect(first[0]?.data.length).toBe(992);
    const rest = d.push(frame.subarray(1000));
    expect(rest[0]?.data.length).toBe(100_000 - 992);
  });

  it('treats stdin frames as stdout', () => {
    const d = new LogDemuxer();
    expect(d.push(encodeFrame('stdin', 'x'))[0]?.stream).toBe('stdout');
  });
});

describe('SourceDecoder', () => {
  it('passes TTY bytes through as stdout lines, dropping the CR of CRLF', () => {
    const d = new SourceDecoder('h/c', true);
    const lines = d.push(Buffer.from('2024-05-01T10:00:00Z one\r\n2024-05-01T10:00:01Z tw'));
    lines.push(...d.push(Buffer.from('o\r\n')));
    expect(lines.map((l) => [l.stream, l.text])).toEqual([
      ['stdout', 'one'],
      ['stdout', 'two'],
    ]);
  });

  it('replaces invalid UTF-8 instead of failing', () => {
    const d = new SourceDecoder('h/c', true);
    const [line] = d.push(
      Buffer.concat([
        Buffer.from('2024-05-01T10:00:00Z a'),
        Buffer.from([0xff, 0xfe, 0xc3]),
        Buffer.from('b\n'),
      ]),
    );
    expect(line?.text).toBe('a\uFFFD\uFFFD\uFFFDb');
  });

  it('cuts very long lines into bounded pieces that keep the line timestamp', () => {
    const d = new SourceDecoder('h/c', true, 1024);
    const body = 'é'.repeat(3000); // 6000 bytes, two per character
    const lines = d.push(Buffer.from(`2024-05-01T10:00:00Z ${body}\n`));
    expect(lines.length).toBeGreaterThan(5);
    expect(lines.every((l) => l.tsNs === lines[0]?.tsNs && l.tsNs !== undefined)).toBe(true);
    expect(lines.map((l) => l.text).join('')).toBe(body);
    expect(lines.some((l) => l.text.includes('\uFFFD'))).toBe(false);
  });
});
