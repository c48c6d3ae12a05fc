import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { encodeFrame } from '../../../src/domain/logs/demux.js';
import { LogsCommandError, runLogsCommand } from '../../../src/app/commands/run-logs-command.js';
import { FakeHostApi, container, ts, waitFor } from './fake-host-api.js';

function sink(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (c: Buffer) => (text += c.toString()));
  return { stream, text: () => text };
}

describe('runLogsCommand', () => {
  it('prints the merged tail with aligned prefixes, filtered by --grep', async () => {
    const a = new FakeHostApi('lab-0');
    const b = new FakeHostApi('lab-10');
    const out = sink();
    const done = runLogsCommand(
      {
        sources: [
          { host: 'lab-0', api: a, container: container('lab-0', 'web-1') },
          { host: 'lab-10', api: b, container: container('lab-10', 'web-1') },
        ],
      },
      { follow: false, tail: 5, grep: 'GET', ignoreCase: true, json: false },
      out.stream,
    );
    await waitFor(() => a.calls.length === 1 && b.calls.length === 1);
    a.last('web-1-id').stream.end(encodeFrame('stdout', `${ts(1)} get /a\n${ts(3)} post /x\n`));
    b.last('web-1-id').stream.end(encodeFrame('stderr', `${ts(2)} GET /b\n`));
    expect(await done).toBe(0);
    expect(out.text()).toBe('lab-0/web-1  | get /a\nlab-10/web-1 ! GET /b\n');
  });

  it('prints one JSON object per line and stops following on abort', async () => {
    const api = new FakeHostApi('lab-0');
    const out = sink();
    const abort = new AbortController();
    const done = runLogsCommand(
      {
        sources: [{ host: 'lab-0', api, container: container('lab-0', 'web-1') }],
        signal: abort.signal,
        tailOptions: { frameMs: 1 },
      },
      { follow: true, json: true },
      out.stream,
    );
    await waitFor(() => api.calls.length === 1);
    api.last('web-1-id').stream.write(encodeFrame('stdout', `${ts(1)} hello\n`));
    await waitFor(() => out.text().includes('hello'), 2000, 'followed line');
    abort.abort();
    expect(await done).toBe(0);
    await waitFor(() => api.last('web-1-id').closed, 2000, 'stream closed');
    expect(JSON.parse(out.text().trim())).toEqual({
      type: 'line',
      host: 'lab-0',
      container: 'web-1',
      stream: 'stdout',
      time: ts(1),
      text: 'hello',
    });
  });

  it('rejects bad options before opening anything', async () => {
    const api = new FakeHostApi('lab-0');
    const deps = { sources: [{ host: 'lab-0', api, container: container('lab-0', 'web-1') }] };
    await expect(
      runLogsCommand(deps, { follow: false, json: false, since: 'soon' }, sink().stream),
    ).rejects.toThrow(LogsCommandError);
    await expect(
      runLogsCommand(deps, { follow: false, json: false, grep: '(' }, sink().stream),
    ).rejects.toThrow(/--grep: invalid search pattern/);
    expect(api.calls).toHaveLength(0);
  });

  it('passes --since to Docker as epoch seconds', async () => {
    const api = new FakeHostApi('lab-0');
    const now = Date.UTC(2024, 4, 1, 12);
    const done = runLogsCommand(
      { sources: [{ host: 'lab-0', api, container: container('lab-0', 'web-1') }], now: () => now },
      { follow: false, json: false, since: '10m' },
      sink().stream,
    );
    await waitFor(() => api.calls.length === 1);
    expect(api.calls[0]?.opts.since).toBe(now / 1000 - 600);
    api.last('web-1-id').stream.end();
    expect(await done).toBe(0);
  });
});
