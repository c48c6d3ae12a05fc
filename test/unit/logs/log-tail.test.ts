import { describe, expect, it } from 'vitest';
import { encodeFrame } from '../../../src/domain/logs/demux.js';
import type { LogLine } from '../../../src/domain/logs/log-line.js';
import { LogTail } from '../../../src/fleet/logs/log-tail.js';
import { FakeHostApi, container, ts, waitFor } from './fake-host-api.js';

const fastBackoff = { initialMs: 1, maxMs: 5, factor: 2 };

function texts(tail: LogTail): string[] {
  const s = tail.getSnapshot();
  const out: string[] = [];
  for (let seq = s.startSeq; seq < s.endSeq; seq++) {
    const l = s.line(seq);
    if (l) out.push(l.kind === 'notice' ? `!${l.text}` : `${l.source}:${l.text}`);
  }
  return out;
}

describe('LogTail', () => {
  it('merges a finished tail of two hosts in timestamp order and asks Docker for timestamps', async () => {
    const a = new FakeHostApi('lab-0');
    const b = new FakeHostApi('lab-1');
    const tail = new LogTail(
      [
        { host: 'lab-0', api: a, container: container('lab-0', 'web-1') },
        { host: 'lab-1', api: b, container: container('lab-1', 'web-1') },
      ],
      { follow: false, tail: 5 },
    ).start();
    await waitFor(() => a.calls.length === 1 && b.calls.length === 1);
    expect(a.calls[0]?.opts).toMatchObject({ tail: 5, follow: false, timestamps: true });
    a.last('web-1-id').stream.end(
      Buffer.concat([
        encodeFrame('stdout', `${ts(1)} a1\n${ts(3)} a3\n`),
        encodeFrame('stderr', `${ts(5)} a5\n`),
      ]),
    );
    b.last('web-1-id').stream.end(encodeFrame('stdout', `${ts(2)} b2\n${ts(4)} b4\n`));
    await tail.done;
    expect(texts(tail)).toEqual([
      'lab-0/web-1:a1',
      'lab-1/web-1:b2',
      'lab-0/web-1:a3',
      'lab-1/web-1:b4',
      'lab-0/web-1:a5',
    ]);
    expect(tail.getSnapshot().done).toBe(true);
  });

  it('resumes after a lost host from the last timestamp, without duplicates, and marks the gap', async () => {
    const api = new FakeHostApi('lab-0');
    const tail = new LogTail([{ host: 'lab-0', api, container: container('lab-0', 'web-1') }], {
      follow: true,
      backoff: fastBackoff,
      frameMs: 1,
    }).start();
    await waitFor(() => api.calls.length === 1);
    const first = api.last('web-1-id');
    first.stream.write(encodeFrame('stdout', `${ts(1)} one\n${ts(2)} two\n${ts(2)} two-bis\n`));
    await waitFor(() => texts(tail).length === 3, 2000, 'first lines');

    api.down = true;
    first.stream.destroy(new Error('channel closed'));
    await waitFor(() => tail.getSnapshot().sources[0]?.state === 'reconnecting', 2000, 'reconnecting state');
    api.down = false;
    await waitFor(() => api.calls.length === 2, 2000, 'second logs call');
    const second = api.last('web-1-id');
    expect(second.opts.tail).toBe('all');
    expect(second.opts.since).toBeLessThan(Date.parse(ts(2)) / 1000);
    expect(second.opts.since).toBeGreaterThan(Date.parse(ts(2)) / 1000 - 0.001);
    // Docker replays from since (inclusive): both lines at ts(2), then what is new.
    second.stream.write(
      encodeFrame('stdout', `${ts(2)} two\n${ts(2)} two-bis\n${ts(2)} two-ter\n${ts(3)} three\n`),
    );
    await waitFor(() => texts(tail).some((t) => t.endsWith('three')), 2000, 'resumed lines');

    const lines = texts(tail);
    expect(lines.filter((t) => !t.startsWith('!'))).toEqual([
      'lab-0/web-1:one',
      'lab-0/web-1:two',
      'lab-0/web-1:two-bis',
      'lab-0/web-1:two-ter',
      'lab-0/web-1:three',
    ]);
    const lostAt = lines.findIndex((t) => t.startsWith('!log stream lost'));
    const backAt = lines.findIndex((t) => t.startsWith('!reconnected after'));
    expect(lostAt).toBe(3);
    expect(backAt).toBe(4);
    tail.close();
    // Closing lets a paused stream drain first, so the channel closes on the next turn.
    await waitFor(() => second.closed, 2000, 'stream closed');
  });

  it('ends a followed source when its container stops, and is done when all have', async () => {
    const api = new FakeHostApi('lab-0');
    const tail = new LogTail([{ host: 'lab-0', api, container: container('lab-0', 'web-1') }], {
      follow: true,
      backoff: fastBackoff,
    }).start();
    await waitFor(() => api.calls.length === 1);
    api.containerState = 'exited';
    api.last('web-1-id').stream.end(encodeFrame('stdout', `${ts(1)} bye\n`));
    await tail.done;
    expect(texts(tail)).toEqual(['lab-0/web-1:bye', '!container exited (exit code 137)']);
    expect(tail.getSnapshot().sources[0]).toMatchObject({ state: 'ended' });
  });

  it('keeps consuming a flood, stays within the line cap and counts dropped lines', async () => {
    const api = new FakeHostApi('lab-0', true);
    const tail = new LogTail([{ host: 'lab-0', api, container: container('lab-0', 'web-1') }], {
      follow: true,
      lineCap: 1000,
      maxLinesPerFrame: 500,
      frameMs: 20,
    }).start();
    const got: LogLine[] = [];
    tail.onBatch((lines) => got.push(...lines));
    await waitFor(() => api.calls.length === 1);
    const stream = api.last('web-1-id').stream;
    // 20,000 lines written at once: far more than one frame may show.
    const body = Array.from({ length: 20_000 }, (_, i) => `${ts(1, i)} line ${i}\n`).join('');
    stream.write(body);
    await waitFor(() => got.length === 20_000, 5000, 'all lines delivered to batch listeners');
    tail.flush();
    const snap = tail.getSnapshot();
    expect(snap.endSeq - snap.startSeq).toBeLessThanOrEqual(1000);
    expect(snap.dropped).toBeGreaterThan(0);
    expect(texts(tail).some((t) => /lines dropped from view/.test(t))).toBe(true);
    expect(texts(tail).at(-1)).toBe('lab-0/web-1:line 19999');
    expect(stream.isPaused()).toBe(false);
    tail.close();
  });

  it('reports a host that cannot be read in tail mode and still finishes', async () => {
    const a = new FakeHostApi('lab-0');
    a.down = true;
    const b = new FakeHostApi('lab-1');
    const tail = new LogTail(
      [
        { host: 'lab-0', api: a, container: container('lab-0', 'web-1') },
        { host: 'lab-1', api: b, container: container('lab-1', 'web-1') },
      ],
      { follow: false },
    ).start();
    await waitFor(() => b.calls.length === 1);
    b.last('web-1-id').stream.end(encodeFrame('stdout', `${ts(1)} fine\n`));
    await tail.done;
    expect(tail.getSnapshot().sources.map((s) => s.state)).toEqual(['failed', 'ended']);
    expect(texts(tail)).toContain('lab-1/web-1:fine');
    expect(texts(tail).some((t) => t.includes('cannot read logs: lab-0: connection lost'))).toBe(true);
  });

  it('saves the buffer to a file', async () => {
    const { mkdtemp, readFile } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const api = new FakeHostApi('lab-0');
    const tail = new LogTail([{ host: 'lab-0', api, container: container('lab-0', 'web-1') }], {
      follow: false,
    }).start();
    await waitFor(() => api.calls.length === 1);
    api.last('web-1-id').stream.end(encodeFrame('stderr', `${ts(1)} \x1b[31mred\x1b[0m\n`));
    await tail.done;
    const path = join(await mkdtemp(join(tmpdir(), 'fleetdeck-logs-')), 'out.log');
    expect(await tail.save(path, { timestamps: true })).toBe(1);
    expect(await readFile(path, 'utf8')).toBe(`lab-0/web-1 ! ${ts(1)} red\n`);
  });
});
