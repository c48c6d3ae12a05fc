import { afterEach, describe, expect, it } from 'vitest';
import type { EventStreamOptions, EventSubscription, HostApiError } from '../../../src/docker/host-api.js';
import type { Container } from '../../../src/domain/container.js';
import type { FleetEvent } from '../../../src/domain/event.js';
import { HostWatcher, type HostWatcherOptions } from '../../../src/fleet/host-watcher.js';
import { FleetStore } from '../../../src/fleet/store.js';
import { FakeHostApi, makeContainer } from '../../support/fake-host-api.js';
import { ManualClock } from '../../support/manual-clock.js';

const T0 = 1_700_000_000_000;

/** Lets the watcher's promise chains run after the manual clock fired its timers. */
async function settle(rounds = 8): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((r) => setImmediate(r));
}

/** A host whose next container list can be held back until the test releases it. */
class HoldingHost extends FakeHostApi {
  private held?: { release: () => void };
  hold(): void {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    this.held = { release };
    this.gate = gate;
  }
  release(): void {
    this.held?.release();
    this.held = undefined;
  }
  private gate?: Promise<void>;
  readonly subscribed: EventStreamOptions[] = [];
  override events(
    opts: EventStreamOptions,
    onEvent: (e: FleetEvent) => void,
    onEnd: (err?: HostApiError) => void,
  ): Promise<EventSubscription> {
    this.subscribed.push(opts);
    return super.events(opts, onEvent, onEnd);
  }
  override async listContainers(opts: { all: boolean }): Promise<Container[]> {
    const answer = await super.listContainers(opts); // built now, as dockerd does, sent later
    const gate = this.gate;
    this.gate = undefined;
    if (gate) await gate;
    return answer.map((c) => ({ ...c }));
  }
}

const watchers: HostWatcher[] = [];
afterEach(() => {
  for (const w of watchers.splice(0)) w.stop();
});

function setup(opts: HostWatcherOptions = {}) {
  const clock = new ManualClock(T0);
  const api = new HoldingHost('web-a');
  api.containers = [
    makeContainer('web-a', 'web-1'),
    makeContainer('web-a', 'cron', { state: 'exited', status: 'Exited (0) 2 hours ago', exitCode: 0 }),
  ];
  const store = new FleetStore([{ name: 'web-a', address: 'web-a', state: 'connecting', since: T0 }], {
    clock,
  });
  const watcher = new HostWatcher(api, store, {
    clock,
    relistIntervalMs: 250,
    random: () => 0.5,
    ...opts,
  });
  watchers.push(watcher);
  const container = (name: string) => store.getSnapshot().containers.find((c) => c.name === name);
  const host = () => store.getSnapshot().hosts[0];
  const event = (action: string, name: string, ms: number, attributes: Record<string, string> = {}) =>
    ({
      time: T0 + ms,
      timeNano: (T0 + ms) * 1e6,
      type: 'container',
      action,
      actorId: `${name}-id`.padEnd(12, '0'),
      attributes: { name, ...attributes },
    }) satisfies Omit<FleetEvent, 'host'>;
  return { clock, api, store, watcher, container, host, event };
}

describe('HostWatcher applies events to the list', () => {
  it('subscribes with the daemon-side filters: what the list and views use, no health-check exec_*', async () => {
    const { api, watcher } = setup();
    watcher.start();
    await settle();
    const filters = api.subscribed[0]?.filters;
    expect(filters?.['type']).toEqual(['container', 'image', 'volume', 'network', 'daemon']);
    expect(filters?.['event']).toEqual(
      expect.arrayContaining(['start', 'die', 'kill', 'health_status', 'destroy']),
    );
    expect(filters?.['event']?.some((a) => a.startsWith('exec_'))).toBe(false);
    expect(filters?.['event']).not.toContain('mount');
    expect(filters?.['event']).not.toContain('connect');
  });

  it('applies die, start, health and rename without asking the daemon again', async () => {
    const { clock, api, watcher, container, host, event } = setup();
    watcher.start();
    await settle();
    expect(host()?.state).toBe('up');
    const lists = api.callCount('listContainers');

    api.emit(event('die', 'web-1', 10, { exitCode: '137' }));
    expect(container('web-1')).toMatchObject({ state: 'exited', exitCode: 137 });
    expect(container('web-1')?.status).toMatch(/^Exited \(137\) /);
    expect(host()?.docker).toMatchObject({ containersRunning: 0, containersTotal: 2 });

    api.emit(event('start', 'cron', 20));
    api.emit(event('health_status: healthy', 'cron', 30));
    expect(container('cron')).toMatchObject({ state: 'running', health: 'healthy' });
    expect(container('cron')?.exitCode).toBeUndefined();

    api.emit(event('rename', 'cron', 40, { name: 'cron-2', oldName: '/cron' }));
    expect(container('cron-2')).toMatchObject({ state: 'running', role: 'cron' });

    clock.advance(1_000);
    await settle();
    expect(api.callCount('listContainers')).toBe(lists);
    expect(api.callCount('inspectContainer')).toBe(0);
  });

  it('ignores a replayed event and a late one', async () => {
    const { api, watcher, container, event } = setup();
    watcher.start();
    await settle();
    api.emit(event('die', 'web-1', 10, { exitCode: '1' }));
    api.emit(event('start', 'web-1', 20));
    api.emit(event('die', 'web-1', 10, { exitCode: '1' })); // the same die again
    api.emit(event('die', 'web-1', 5, { exitCode: '9' })); // older than the start
    expect(container('web-1')).toMatchObject({ state: 'running' });
  });

  it('re-lists (once per burst) for what an event cannot say: a new container', async () => {
    const { clock, api, watcher, container, event } = setup();
    watcher.start();
    await settle();
    const lists = api.callCount('listContainers');
    api.containers.push(makeContainer('web-a', 'web-2'));
    for (let i = 0; i < 5; i++) api.emit(event('create', 'web-2', 10 + i));
    clock.advance(300);
    await settle();
    expect(container('web-2')).toBeDefined();
    expect(api.callCount('listContainers') - lists).toBe(1);
  });

  it('re-lists when an event names a container the list lacks (a sign of missed events)', async () => {
    const { clock, api, watcher, container, event } = setup();
    watcher.start();
    await settle();
    api.containers.push(makeContainer('web-a', 'ghost', { state: 'exited', exitCode: 2 }));
    api.emit(event('die', 'ghost', 10, { exitCode: '2' }));
    clock.advance(300);
    await settle();
    expect(container('ghost')).toMatchObject({ state: 'exited', exitCode: 2 });
  });

  it('replays what arrived while a list was in flight on top of its answer', async () => {
    const { clock, api, watcher, container, event } = setup();
    watcher.start();
    await settle();
    api.containers.push(makeContainer('web-a', 'web-2'));
    api.emit(event('create', 'web-2', 10));
    api.hold(); // the re-list's answer is built now and arrives after the die below
    clock.advance(300);
    await settle();
    api.emit(event('die', 'web-2', 20, { exitCode: '3' }));
    api.release();
    await settle();
    expect(container('web-2')).toMatchObject({ state: 'exited', exitCode: 3 });
  });

  it('replays what arrived before the first list answered', async () => {
    const { api, watcher, container, event } = setup();
    api.hold();
    watcher.start();
    await settle();
    api.emit(event('die', 'web-1', 10, { exitCode: '143' }));
    api.release();
    await settle();
    expect(container('web-1')).toMatchObject({ state: 'exited', exitCode: 143 });
  });

  it('reconciles with a full list every few minutes, and not before', async () => {
    const { clock, api, watcher, container } = setup({ reconcileIntervalMs: 300_000 });
    watcher.start();
    await settle();
    const lists = api.callCount('listContainers');
    api.containers[0] = { ...api.containers[0]!, state: 'exited', status: 'Exited (0) now' }; // no event
    clock.advance(250_000);
    await settle();
    expect(api.callCount('listContainers')).toBe(lists);
    clock.advance(60_000); // 300 s × (0.8 + 0.4 × 0.5)
    await settle();
    expect(api.callCount('listContainers')).toBe(lists + 1);
    expect(container('web-1')?.state).toBe('exited');
    clock.advance(300_000); // and again after that list
    await settle();
    expect(api.callCount('listContainers')).toBe(lists + 2);
  });

  it('lists again after a reconnect', async () => {
    const { clock, api, watcher, container, host } = setup({
      backoff: { initialMs: 100, maxMs: 100, factor: 1 },
    });
    watcher.start();
    await settle();
    api.goDown({ code: 'connection-refused', message: 'web-a: connection refused' });
    await settle();
    expect(host()?.state).toBe('unreachable');
    api.down = undefined;
    api.containers = [makeContainer('web-a', 'web-9')];
    clock.advance(200);
    await settle();
    expect(host()?.state).toBe('up');
    expect(container('web-9')).toBeDefined();
    expect(container('web-1')).toBeUndefined();
  });

  it('re-reads the info after a daemon reload', async () => {
    const { clock, api, watcher, host } = setup();
    watcher.start();
    await settle();
    const infos = api.callCount('info');
    api.info_ = { driver: 'btrfs' };
    api.emit({ time: T0 + 5, type: 'daemon', action: 'reload', actorId: 'daemon', attributes: {} });
    clock.advance(300);
    await settle();
    expect(api.callCount('info')).toBe(infos + 1);
    expect(host()?.docker?.storageDriver).toBe('btrfs');
  });
});
