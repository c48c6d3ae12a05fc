import { afterEach, describe, expect, it } from 'vitest';
import { HostWatcher } from '../../../src/fleet/host-watcher.js';
import { FleetStore } from '../../../src/fleet/store.js';
import { FakeHostApi, makeContainer, waitFor } from '../../support/fake-host-api.js';

const fastBackoff = { initialMs: 5, maxMs: 20, factor: 2, random: () => 0.5 };
const watchers: HostWatcher[] = [];

function setup(name = 'web-a') {
  const api = new FakeHostApi(name);
  api.containers = [
    makeContainer(name, 'web-1'),
    makeContainer(name, 'cron', { state: 'exited', exitCode: 3 }),
  ];
  const store = new FleetStore([{ name, address: name, state: 'connecting', since: 0 }]);
  const watcher = new HostWatcher(api, store, {
    backoff: fastBackoff,
    relistIntervalMs: 20,
    pingIntervalMs: 60_000,
  });
  watchers.push(watcher);
  const hostState = () => store.getSnapshot().hosts[0];
  return { api, store, watcher, hostState };
}

afterEach(() => {
  for (const w of watchers.splice(0)) w.stop();
});

describe('HostWatcher', () => {
  it('marks the host up with its containers after connecting, then pings it', async () => {
    const { api, store, watcher, hostState } = setup();
    watcher.start();
    await waitFor(() => hostState()?.state === 'up', 'host up');
    expect(hostState()?.docker).toMatchObject({ serverVersion: '20.10.24', storageDriver: 'overlay2' });
    expect(store.getSnapshot().containers.map((c) => c.name)).toEqual(['cron', 'web-1']);
    // The warm round trip and the daemon's API version follow with the first ping.
    await waitFor(() => hostState()?.docker?.apiVersion === '1.41', 'api version from the ping');
    expect(api.callCount('ping')).toBe(1);
    expect(hostState()?.latencyMs).toBeDefined();
  });

  it('lists while the event stream is still opening, and is up once both answered', async () => {
    let open!: () => void;
    const opened = new Promise<void>((resolve) => (open = resolve));
    class SlowStream extends FakeHostApi {
      override async events(...args: Parameters<FakeHostApi['events']>) {
        await opened;
        return super.events(...args);
      }
    }
    const api = new SlowStream('web-a');
    api.containers = [makeContainer('web-a', 'web-1')];
    const store = new FleetStore([{ name: 'web-a', address: 'web-a', state: 'connecting', since: 0 }]);
    const watcher = new HostWatcher(api, store, { backoff: fastBackoff, pingIntervalMs: 60_000 });
    watchers.push(watcher);
    watcher.start();
    await waitFor(() => api.callCount('listContainers') === 1, 'list sent before the stream opened');
    expect(store.getSnapshot().hosts[0]?.state).toBe('connecting');
    open();
    await waitFor(() => store.getSnapshot().hosts[0]?.state === 'up', 'host up');
    expect(api.callCount('events')).toBe(1);
    expect(api.liveSubscriptions).toBe(1);
  });

  it('re-lists once per burst of container events and never polls otherwise', async () => {
    const { api, store, watcher, hostState } = setup();
    watcher.start();
    await waitFor(() => hostState()?.state === 'up', 'host up');
    const listsAfterConnect = api.callCount('listContainers');
    api.containers.push(makeContainer('web-a', 'web-2'));
    for (let i = 0; i < 20; i++)
      api.emit({ time: i, type: 'container', action: 'start', actorId: 'x', attributes: {} });
    await waitFor(() => store.getSnapshot().containers.length === 3, 'new container listed');
    // A burst of 20 events costs at most two re-lists (leading + trailing edge), not twenty.
    expect(api.callCount('listContainers') - listsAfterConnect).toBeLessThanOrEqual(2);
    const settled = api.callCount('listContainers');
    await new Promise((r) => setTimeout(r, 100));
    expect(api.callCount('listContainers')).toBe(settled);
  });

  it('ignores health-check exec noise', async () => {
    const { api, store, watcher, hostState } = setup();
    watcher.start();
    await waitFor(() => hostState()?.state === 'up', 'host up');
    const lists = api.callCount('listContainers');
    api.emit({
      time: 1,
      type: 'container',
      action: 'exec_start: test -f /tmp/ok',
      actorId: 'x',
      attributes: {},
    });
    api.emit({ time: 2, type: 'container', action: 'die', actorId: 'x', attributes: { exitCode: '0' } });
    await waitFor(() => api.callCount('listContainers') > lists, 're-list after die');
    expect(store.getSnapshot().events.map((e) => e.action)).toEqual(['die']);
  });

  it('marks only this host unreachable on loss and comes back on its own', async () => {
    const { api, watcher, hostState } = setup();
    watcher.start();
    await waitFor(() => hostState()?.state === 'up', 'host up');
    api.goDown({ code: 'connection-refused', message: 'web-a: connection refused' });
    await waitFor(() => hostState()?.state === 'unreachable', 'host unreachable');
    expect(hostState()?.problem).toEqual({
      code: 'connection-refused',
      message: 'web-a: connection refused',
    });
    api.down = undefined;
    await waitFor(() => hostState()?.state === 'up', 'host back up');
    expect(hostState()?.problem).toBeUndefined();
    expect(api.liveSubscriptions).toBe(1);
  });

  it('reports a Docker-side problem as degraded', async () => {
    const { api, watcher, hostState } = setup();
    api.down = {
      code: 'socket-permission-denied',
      message: 'web-a: permission denied on /var/run/docker.sock',
    };
    watcher.start();
    await waitFor(() => hostState()?.state === 'degraded', 'host degraded');
  });
});
