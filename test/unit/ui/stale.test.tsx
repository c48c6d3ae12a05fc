import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { App, type AppProps } from '../../../src/ui/App.js';
import { collectAlerts } from '../../../src/ui/presenters/alerts.js';
import {
  container,
  details,
  FakeFleet,
  host,
  ManualClock,
  renderSized,
  T0,
  theme,
  waitForText,
} from './support.js';

afterEach(() => cleanup());

/** web-b stopped answering 40 s ago: its containers are its last answer. */
function staleFleet(): FakeFleet {
  return new FakeFleet({
    hosts: [
      host('web-a'),
      host('web-b', {
        state: 'unreachable',
        since: T0 - 30_000,
        lastSeenAt: T0 - 40_000,
        stale: true,
        problem: { code: 'timeout', message: 'web-b: SSH timeout — check the host is up' },
      }),
    ],
    containers: [
      container('web-a', 'web-1'),
      container('web-b', 'web-2'),
      container('web-a', 'db-1', { role: 'db' }),
    ],
    staleHosts: new Set(['web-b']),
  });
}

function setup(over: Partial<AppProps> = {}) {
  const fleet = staleFleet();
  const props: AppProps = {
    reader: fleet,
    readOnly: true,
    wallboard: false,
    theme: theme('none'),
    colorMode: 'none',
    onQuit: () => {},
    loadDetails: async (_h, id) => details(fleet.getSnapshot().containers.find((c) => c.id === id)!),
    clock: new ManualClock(),
    ...over,
  };
  return renderSized(<App {...props} />, { columns: 140, rows: 30 });
}

describe('data of a host that stopped answering', () => {
  it('is marked stale in the hosts, roles and containers views and the header', async () => {
    const { lastFrame, stdin } = setup();
    const hosts = await waitForText(lastFrame, 'web-b');
    expect(hosts).toMatch(/web-b .*unreachable.*stale 40s · web-b: SSH timeout/);
    expect(hosts).toContain('1/2 up 1 unreachable 1 stale');
    stdin.write('2');
    const roles = await waitForText(lastFrame, 'Roles · ');
    expect(roles).toMatch(/web .*1 stale \(web-b stale 40s\)/);
    expect(roles).not.toMatch(/db .*stale/);
    stdin.write('3');
    const containers = await waitForText(lastFrame, 'Containers · ');
    expect(containers).toMatch(/web-b +web-2 .*stale 40s runn/);
    expect(containers).toMatch(/web-a +web-1 .* running\/healthy /);
  });

  it('the alerts say how old the data shown for it is', () => {
    const [alert] = collectAlerts({
      hosts: staleFleet().getSnapshot().hosts,
      containers: [],
      events: [],
      now: T0,
    });
    expect(alert?.text).toBe(
      'web-b unreachable for 30s (showing its data from 40s ago): web-b: SSH timeout — check the host is up',
    );
  });

  it('the wallboard shows that alert', async () => {
    const { lastFrame } = setup({ wallboard: true });
    await waitForText(lastFrame, 'showing its data from 40s ago');
  });
});
