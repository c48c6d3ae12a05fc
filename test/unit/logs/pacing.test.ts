import { describe, expect, it } from 'vitest';
import { encodeFrame } from '../../../src/domain/logs/demux.js';
import { IntakePacer } from '../../../src/fleet/logs/intake-pacer.js';
import { LogTail } from '../../../src/fleet/logs/log-tail.js';
import { FakeHostApi, container, ts, waitFor } from './fake-host-api.js';

describe('IntakePacer', () => {
  it('yields after a turn budget and waits out the second once the rate cap is used', () => {
    let now = 10_000;
    const pacer = new IntakePacer({ bytesPerTurn: 100, bytesPerSecond: 250, clock: { now: () => now } });
    expect(pacer.took(60)).toEqual({ kind: 'go' });
    expect(pacer.took(60)).toEqual({ kind: 'yield' });
    now += 400;
    expect(pacer.took(60)).toEqual({ kind: 'go' });
    expect(pacer.took(80)).toEqual({ kind: 'wait', ms: 600 });
    now += 600;
    expect(pacer.took(10)).toEqual({ kind: 'go' });
  });

  it('without a rate cap only yields', () => {
    const pacer = new IntakePacer({ bytesPerTurn: 10, clock: { now: () => 0 } });
    for (let i = 0; i < 100; i++) expect(pacer.took(9).kind).not.toBe('wait');
  });
});

describe('LogTail pacing', () => {
  it('over its rate, skips a backlog older than maxLagMs and reads on from now, with a notice', async () => {
    const api = new FakeHostApi('lab-0');
    const base = Date.UTC(2024, 4, 1, 10, 0, 0);
    let now = base + 60_000; // the lines below are a minute old: far behind
    const tail = new LogTail([{ host: 'lab-0', api, container: container('lab-0', 'flood') }], {
      follow: true,
      frameMs: 1,
      bytesPerSecond: 200,
      maxLagMs: 3_000,
      clock: { now: () => now },
    }).start();
    await waitFor(() => api.calls.length === 1, 2000, 'stream opened');
    const first = api.last('flood-id');
    const lines = Array.from({ length: 20 }, (_, i) => `${ts(i)} line ${i}\n`).join('');
    first.stream.write(encodeFrame('stdout', lines));
    await waitFor(() => api.calls.length === 2, 2000, 'reopened after the skip');
    await waitFor(() => first.closed, 2000, 'the lagging stream closed');
    expect(api.calls[1]?.opts).toMatchObject({ follow: true, tail: 'all', since: now / 1000 });
    const notices: string[] = [];
    const snap = (): ReturnType<typeof tail.getSnapshot> => tail.getSnapshot();
    await waitFor(() => snap().endSeq > 20, 2000, 'lines and notice published');
    for (let seq = snap().startSeq; seq < snap().endSeq; seq++) {
      const l = snap().line(seq);
      if (l?.kind === 'notice') notices.push(l.text);
    }
    expect(notices).toEqual([
      'output faster than the view can take — skipped 41.0 s of it to show the newest lines',
    ]);
    now += 1;
    tail.close();
    await waitFor(() => api.last('flood-id').closed, 2000, 'second stream closed');
  });
});
