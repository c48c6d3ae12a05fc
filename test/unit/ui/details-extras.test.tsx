import { afterEach, describe, expect, it } from 'vitest';
import type { LogLine } from '../../../src/domain/logs/log-line.js';
import type { ReadRecentLogs } from '../../../src/fleet/logs/reader.js';
import { App, type AppProps } from '../../../src/ui/App.js';
import { details, ManualClock, renderSized, sampleFleet, theme, waitForText, T0 } from './support.js';

let unmount: (() => void) | undefined;
afterEach(() => unmount?.());

function line(text: string, atMs: number, stream: LogLine['stream'] = 'stdout'): LogLine {
  return { kind: 'line', source: 'web-a/web-1', stream, tsNs: BigInt(atMs) * 1_000_000n, ts: '', text };
}

function setup(readRecentLogs?: ReadRecentLogs, over: Partial<AppProps> = {}) {
  const fleet = sampleFleet();
  const props: AppProps = {
    reader: fleet,
    readOnly: false,
    wallboard: false,
    theme: theme('none'),
    colorMode: 'none',
    onQuit: () => {},
    loadDetails: async (_h, id) => {
      const c = fleet.getSnapshot().containers.find((x) => x.id === id)!;
      return details(c, {
        ports: [
          { privatePort: 80, type: 'tcp', publicPort: 8080, ip: '0.0.0.0' },
          { privatePort: 9000, type: 'tcp' },
        ],
        attachments: [
          { name: 'shop', ip: '172.18.0.3', aliases: ['web', 'web-1'] },
          // What a daemon says reaches the terminal inert.
          { name: 'evil\u001b]0;pwned\u0007', ip: '', aliases: ['\u001b[2Jx\u202e'] },
        ],
        limits: { cpus: 1.5, memoryBytes: 256 * 1024 * 1024 },
      });
    },
    clock: new ManualClock(),
    initialView: 'containers',
    readRecentLogs,
    ...over,
  };
  const r = renderSized(<App {...props} />, { columns: 120, rows: 70 });
  unmount = () => r.instance.unmount();
  return r;
}

describe('details: networks, ports, limits, last log lines', () => {
  it('shows each network with its address and aliases, ports host → container, limits, and the last 5 lines', async () => {
    const asked: Array<[string, number]> = [];
    const lines = ['one', 'two', 'three', 'four', 'connecting to postgres://app:s3cret@db'].map((t, i) =>
      line(t, T0 - 5000 + i * 1000, i === 3 ? 'stderr' : 'stdout'),
    );
    const { lastFrame, stdin } = setup(async (c, n) => {
      asked.push([c.name, n]);
      return lines;
    });
    await waitForText(lastFrame, 'worker-1');
    stdin.write('\r');
    const frame = await waitForText(lastFrame, 'postgres://app:');
    expect(asked).toEqual([['web-1', 5]]);
    expect(frame).toMatch(/── Networks\n\s+shop\s+172\.18\.0\.3 {2}aliases web, web-1/);
    expect(frame).toContain('0.0.0.0:8080 → 80/tcp');
    expect(frame).toContain('9000/tcp (not published)');
    expect(frame).toMatch(/cpus\s+1\.5/);
    expect(frame).toMatch(/memory\s+268\.44 MB \(256 MiB\)/);
    expect(frame).toMatch(/pids\s+unlimited/);
    expect(frame).toMatch(/── Last 5 log lines\n(.*\n){3}.* err\s+four\n/);
    // A credential in a log line is masked like in the environment.
    expect(frame).toContain('postgres://app:•••@db');
    expect(frame).not.toContain('s3cret');
    // eslint-disable-next-line no-control-regex
    expect(frame).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f\u202e]/);
    expect(frame).toMatch(/evil\s+no address {2}aliases x/);
  });

  it('says why there are no lines: the read failed, or nothing reads logs here', async () => {
    const failing = setup(async () => {
      throw new Error('web-a: connection lost — check the host is up');
    });
    await waitForText(failing.lastFrame, 'worker-1');
    failing.stdin.write('\r');
    await waitForText(failing.lastFrame, 'web-a: connection lost — check the host is up');
    unmount?.();
    const none = setup(undefined);
    await waitForText(none.lastFrame, 'worker-1');
    none.stdin.write('\r');
    await waitForText(none.lastFrame, 'logs are not available here');
  });
});
