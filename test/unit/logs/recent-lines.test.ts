import { describe, expect, it } from 'vitest';
import { encodeFrame } from '../../../src/domain/logs/demux.js';
import { readRecentLines, recentLogReader } from '../../../src/fleet/logs/recent-lines.js';
import { FakeHostApi, container, ts, waitFor } from './fake-host-api.js';

describe('readRecentLines', () => {
  it('asks for the last N lines without follow and gives them back sanitised, in order', async () => {
    const api = new FakeHostApi('lab-0');
    const read = readRecentLines(api, container('lab-0', 'web-1'), 5);
    await waitFor(() => api.calls.length === 1);
    expect(api.calls[0]?.opts).toMatchObject({ tail: 5, follow: false });
    api
      .last('web-1-id')
      .stream.end(encodeFrame('stdout', `${ts(1)} one\n${ts(2)} t\u001b[2Jwo\n${ts(3)} three\n`));
    const lines = await read;
    expect(lines.map((l) => l.text)).toEqual(['one', 'two', 'three']);
  });

  it('fails with the host and what to do when the host does not answer', async () => {
    const api = new FakeHostApi('lab-0');
    api.down = true;
    await expect(readRecentLines(api, container('lab-0', 'web-1'), 5)).rejects.toThrow(/lab-0/);
  });

  it('gives up after its timeout on a daemon that never answers', async () => {
    const api = new FakeHostApi('lab-0');
    await expect(readRecentLines(api, container('lab-0', 'web-1'), 5, 50)).rejects.toThrow(
      /lab-0: the logs of web-1 did not answer within 0.05 s/,
    );
    // The channel is given back (released on the next turn of the loop).
    await waitFor(() => api.last('web-1-id').closed, 2000, 'the stream closed');
  });

  it('refuses a container whose host left the fleet', async () => {
    const read = recentLogReader(new Map());
    await expect(read(container('gone', 'web-1'), 5)).rejects.toThrow(/gone: not in the fleet/);
  });
});
