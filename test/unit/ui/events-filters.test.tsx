import { afterEach, describe, expect, it } from 'vitest';
import type { HistoryReach } from '../../../src/domain/events/history.js';
import { App, type AppProps } from '../../../src/ui/App.js';
import {
  container,
  event,
  FakeFleet,
  host,
  ManualClock,
  renderSized,
  T0,
  theme,
  waitForFrame,
  waitForText,
} from './support.js';

let unmount: (() => void) | undefined;
afterEach(() => unmount?.());

const ENTER = '\r';
const ESC = '\u001b';

function fleet(historyReach?: HistoryReach[]): FakeFleet {
  return new FakeFleet({
    hosts: [host('lab-0'), host('lab-1')],
    containers: [
      container('lab-0', 'web-1'),
      container('lab-1', 'web-2'),
      container('lab-1', 'worker-1', { labels: { role: 'jobs' }, role: 'jobs' }),
    ],
    events: [
      event('lab-1', 'die', 'web-2', { time: T0 - 1000, attributes: { name: 'web-2', exitCode: '143' } }),
      event('lab-1', 'die', 'worker-1', {
        time: T0 - 2000,
        attributes: { name: 'worker-1', exitCode: '137' },
      }),
      event('lab-1', 'oom', 'worker-1', { time: T0 - 2100 }),
      event('lab-0', 'start', 'web-1', { time: T0 - 3000 }),
      event('lab-0', 'die', 'web-1', { time: T0 - 4000, attributes: { name: 'web-1', exitCode: '137' } }),
      // A container gone since: its role comes from the event's own labels.
      event('lab-0', 'die', 'cron-7', {
        time: T0 - 5000,
        actorId: 'gone',
        attributes: { name: 'cron-7', exitCode: '0' },
      }),
    ],
    ...(historyReach ? { historyReach } : {}),
  });
}

function setup(reader: FakeFleet) {
  const props: AppProps = {
    reader,
    readOnly: false,
    wallboard: false,
    theme: theme('none'),
    colorMode: 'none',
    onQuit: () => {},
    loadDetails: async () => {
      throw new Error('not used');
    },
    clock: new ManualClock(),
    initialView: 'events',
  };
  const r = renderSized(<App {...props} />, { columns: 140, rows: 30 });
  unmount = () => r.instance.unmount();
  return r;
}

function eventRows(frame: string): string[] {
  return frame.split('\n').filter((l) => /^[> ] \d\d:\d\d:\d\d/.test(l));
}

describe('Events view: role and decoded exit, :events filters, history reach', () => {
  it('shows each container event with its role and decoded exit', async () => {
    const r = setup(fleet());
    const frame = await waitForText(r.lastFrame, 'exit 143 SIGTERM');
    expect(frame).toMatch(/ROLE/);
    expect(frame).toMatch(/web-2\s+web\s+exit 143 SIGTERM/);
    // An oom event just before the die: an OOM kill, not a plain SIGKILL.
    expect(frame).toMatch(/worker-1\s+jobs\s+exit 137 OOM killed/);
    expect(frame).toMatch(/web-1\s+web\s+exit 137 SIGKILL\/OOM/);
    expect(frame).toMatch(/cron-7\s+cron\s+exit 0/);
  });

  it('filters by role, host and kind, combined, and Esc clears the filter', async () => {
    const r = setup(fleet());
    await waitForText(r.lastFrame, 'exit 143 SIGTERM');
    r.stdin.write(`:events role=web${ENTER}`);
    let frame = await waitForText(r.lastFrame, 'Events · role=web · 3 of 6');
    expect(eventRows(frame).every((l) => /\bweb-\d/.test(l))).toBe(true);

    r.stdin.write(`:events role=web host=lab-0 die${ENTER}`);
    frame = await waitForText(r.lastFrame, 'Events · role=web host=lab-0 die · 1 of 6');
    expect(eventRows(frame)).toHaveLength(1);
    expect(eventRows(frame)[0]).toMatch(/lab-0\s+container die\s+web-1/);

    r.stdin.write(`:events die oom${ENTER}`);
    frame = await waitForText(r.lastFrame, 'Events · die oom · 5 of 6');
    expect(eventRows(frame).some((l) => l.includes('container start'))).toBe(false);

    r.stdin.write(ESC);
    frame = await waitForText(r.lastFrame, 'Events · 6');
    expect(eventRows(frame)).toHaveLength(6);
  });

  it('refuses a filter it cannot read and warns of a host the fleet lacks', async () => {
    const r = setup(fleet());
    await waitForText(r.lastFrame, 'exit 143 SIGTERM');
    r.stdin.write(`:events web${ENTER}`);
    await waitForText(r.lastFrame, '"web" is no event kind (role=web?');
    r.stdin.write(`:events host=lab-9${ENTER}`);
    const frame = await waitForText(r.lastFrame, 'no host named "lab-9" in the fleet now');
    expect(frame).toContain('no events match host=lab-9');
  });

  it('says how far back the history reaches per host', async () => {
    const alike = setup(
      fleet([
        { host: 'lab-0', since: T0 - 15 * 60_000, complete: true, events: 3 },
        { host: 'lab-1', since: T0 - 15 * 60_000, complete: true, events: 2 },
      ]),
    );
    await waitForFrame(alike.lastFrame, (f) =>
      /history: from \d\d:\d\d:\d\d \(15m back\) on all 2 hosts/.test(f),
    );
    unmount?.();
    const cut = setup(
      fleet([
        { host: 'lab-0', since: T0 - 6 * 60_000, complete: false, events: 256 },
        { host: 'lab-1', since: T0, complete: false, events: 0, error: 'lab-1: SSH timeout' },
      ]),
    );
    await waitForFrame(cut.lastFrame, (f) =>
      /history: lab-0 from \d\d:\d\d:\d\d \(6m\), older dropped by the daemon · lab-1 not read \(lab-1: SSH timeout\)/.test(
        f,
      ),
    );
    unmount?.();
    const none = setup(fleet());
    await waitForText(none.lastFrame, 'history: live events only');
  });
});
