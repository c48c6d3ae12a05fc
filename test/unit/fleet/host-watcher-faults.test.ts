import { afterEach, describe, expect, it } from 'vitest';
import type { EventSubscription, HostApiError } from '../../../src/docker/host-api.js';
import type { FleetEvent } from '../../../src/domain/event.js';
import type { HostProblem } from '../../../src/domain/host.js';
import { HostWatcher } from '../../../src/fleet/host-watcher.js';
import { StatsSampler } from '../../../src/fleet/stats-sampler.js';
import { FleetStore } from '../../../src/fleet/store.js';
import { DEFAULT_BACKOFF } from '../../../src/util/backoff.js';
import { FakeHostApi, makeContainer, waitFor } from '../../support/fake-host-api.js';
import { ManualClock } from '../../support/manual-clock.js';

const HUNG: HostProblem = {
  code: 'daemon-not-answering',
  message:
    'web-a: SSH up, Docker daemon at /var/run/docker.sock not answering for 10 s (GET /_ping unanswered) — dockerd may be hung or overloaded — check it on the host (systemctl status docker)',
};

/** Lets the watcher's promise chains run after the manual clock fired its timers. */
async function settle(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((r) => setImmediate(r));
}

/** Records when (on the manual clock) each connection attempt subscribed to events. */
class CountingHost extends FakeHostApi {
  readonly attempts: number[] = [];
  constructor(
    name: string,
    private readonly clock: ManualClock,
  ) {
    super(name);
  }
  override events(
    opts: { since?: number },
    onEvent: (e: FleetEvent) => void,
    onEnd: (err?: HostApiError) => void,
  ): Promise<EventSubscription> {
    this.attempts.push(this.clock.now());
    return super.events(opts, onEvent, onEnd);
  }
}

const watchers: HostWatcher[] = [];
afterEach(() => {
  for (const w of watchers.splice(0)) w.stop();
});

function setup(clock: ManualClock, backoff = DEFAULT_BACKOFF) {
  const api = new CountingHost('web-a', clock);
  api.containers = [makeContainer('web-a', 'web-1'), makeContainer('web-a', 'cron', { state: 'exited' })];
  const store = new FleetStore(
    [{ name: 'web-a', address: 'web-a', state: 'connecting', since: clock.now() }],
    {
      clock,
    },
  );
  const watcher = new HostWatcher(api, store, { clock, backoff, pingIntervalMs: 5_000 });
  watchers.push(watcher);
  const host = () => store.getSnapshot().hosts[0];
  return { api, store, watcher, host };
}

describe('HostWatcher and a daemon that stops answering', () => {
  it('turns the host degraded with the reason, keeps its containers marked stale, and recovers by itself', async () => {
    const clock = new ManualClock(1_000_000);
    const { api, store, watcher, host } = setup(clock, { ...DEFAULT_BACKOFF, random: () => 0.5 });
    watcher.start();
    await settle();
    expect(host()).toMatchObject({ state: 'up', lastSeenAt: 1_000_000, stale: false });

    clock.advance(5_000); // the ping every 5 s
    await settle();
    expect(api.callCount('ping')).toBeGreaterThanOrEqual(2); // 1 in the first look, 1 on schedule
    expect(host()?.lastSeenAt).toBe(1_005_000);

    api.down = HUNG;
    clock.advance(5_000);
    await settle();
    expect(host()).toMatchObject({ state: 'degraded', problem: HUNG, stale: true, lastSeenAt: 1_005_000 });
    const snap = store.getSnapshot();
    expect(snap.containers.map((c) => c.name)).toEqual(['cron', 'web-1']);
    expect(snap.staleHosts?.has('web-a')).toBe(true);

    // Still hung through a few retries: still degraded, nothing dropped.
    for (let i = 0; i < 5; i++) {
      clock.advance(10_000);
      await settle();
    }
    expect(host()).toMatchObject({ state: 'degraded', stale: true });
    expect(store.getSnapshot().containers).toHaveLength(2);

    api.down = undefined; // kill -CONT
    clock.advance(30_000);
    await settle();
    expect(host()).toMatchObject({ state: 'up', stale: false });
    expect(host()?.problem).toBeUndefined();
    expect(host()?.lastSeenAt).toBeGreaterThan(1_010_000);
    expect(store.getSnapshot().staleHosts?.size).toBe(0);
  });

  it('keeps retrying a host that never answers, never more than 30 s apart, for hours', async () => {
    const clock = new ManualClock(0);
    // The slowest jitter the backoff can draw: every wait at its longest.
    const { api, watcher, host } = setup(clock, { ...DEFAULT_BACKOFF, random: () => 0.999_999 });
    api.down = { code: 'connection-refused', message: 'web-a: ssh connection refused' };
    watcher.start();
    const threeHours = 3 * 3600_000;
    while (clock.now() < threeHours) {
      clock.advance(1_000);
      await settle(1);
    }
    expect(host()?.state).toBe('unreachable');
    const gaps = api.attempts.slice(1).map((t, i) => t - (api.attempts[i] ?? 0));
    expect(Math.max(...gaps)).toBeLessThanOrEqual(30_000);
    expect(api.attempts.length).toBeGreaterThan(threeHours / 30_000 - 10);
    // No stale flag: it never answered, so nothing old is shown.
    expect(host()?.stale).toBe(false);
  });
});

describe('StatsSampler and a hung host', () => {
  it('samples only hosts that are up, and never waits for a host whose samples hang', async () => {
    const clock = new ManualClock();
    const fine = new FakeHostApi('a');
    const hung = new FakeHostApi('b');
    let hungCalls = 0;
    hung.statsOnce = () => {
      hungCalls++;
      return new Promise(() => undefined);
    };
    const gone = new FakeHostApi('c');
    const store = new FleetStore(
      ['a', 'b', 'c'].map((name) => ({ name, address: name, state: 'up' as const, since: 0 })),
      { clock },
    );
    const [wa, wb, wc] = [
      makeContainer('a', 'web-1'),
      makeContainer('b', 'web-1'),
      makeContainer('c', 'web-1'),
    ];
    store.setContainers('a', [wa]);
    store.setContainers('b', [wb]);
    store.setContainers('c', [wc]);
    store.updateHost('c', { state: 'unreachable', lastSeenAt: 0 });
    const sampler = new StatsSampler(
      new Map([
        ['a', fine],
        ['b', hung],
        ['c', gone],
      ]),
      store,
      { clock },
    );
    sampler.setVisible([wa, wb, wc].map((c) => `${c.host}/${c.id}`));
    sampler.start();
    await waitFor(() => fine.callCount('statsOnce') === 1, 'the first sample of a');
    for (let i = 0; i < 3; i++) {
      clock.advance(2_000);
      await waitFor(() => fine.callCount('statsOnce') === i + 2, `round ${i + 2} on a`);
    }
    clock.advance(60); // the publication coalescing
    expect(store.getSnapshot().usage.get(`a/${wa.id}`)?.cpuPercent).toBeCloseTo(10);
    expect(hungCalls).toBe(1); // still out: b is skipped, not queued up
    expect(gone.callCount('statsOnce')).toBe(0);
    sampler.stop();
  });
});
