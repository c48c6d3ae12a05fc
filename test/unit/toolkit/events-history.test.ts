import { describe, expect, it } from 'vitest';
import { readEventHistory } from '../../../src/docker/resources/event-history.js';
import type { FleetEvent } from '../../../src/domain/event.js';
import { decodedExitOf, detectAlerts } from '../../../src/domain/events/detectors.js';
import { DAEMON_EVENT_BUFFER, mergeEvents, parseSpan, reachOf } from '../../../src/domain/events/history.js';
import { loadFleetHistory } from '../../../src/fleet/events-history.js';
import { FleetStore } from '../../../src/fleet/store.js';
import { FakeDaemonApi } from './fake-daemon-api.js';

const T = 1_800_000_000_000;

function ev(
  action: string,
  time: number,
  over: Partial<FleetEvent> = {},
  attrs: Record<string, string> = {},
): FleetEvent {
  return {
    host: 'lab-0',
    time,
    type: 'container',
    action,
    actorId: 'c1',
    attributes: { name: 'web-1', ...attrs },
    ...over,
  };
}

describe('detectors (pure)', () => {
  it('a restart loop: n starts after a die within the window', () => {
    const events = [0, 1, 2, 3].flatMap((i) => [
      ev('die', T + i * 60_000, {}, { exitCode: '1' }),
      ev('start', T + i * 60_000 + 1000),
    ]);
    const alerts = detectAlerts(events, T + 5 * 60_000);
    expect(alerts.find((a) => a.kind === 'restart-loop')).toMatchObject({
      severity: 'crit',
      message: 'lab-0/web-1: restart loop — 4 restarts in 10 min',
    });
    expect(detectAlerts(events, T + 60 * 60_000)).toEqual([]); // out of the window
  });

  it('health flaps, OOM kills, and exits decoded (137 SIGKILL / OOM, 143 SIGTERM)', () => {
    const flaps = ['healthy', 'unhealthy', 'healthy', 'unhealthy'].map((s, i) =>
      ev(`health_status: ${s}`, T + i * 1000),
    );
    expect(detectAlerts(flaps, T + 10_000).map((a) => a.kind)).toEqual(['health-flap']);
    const oom = [ev('oom', T), ev('die', T + 1, {}, { exitCode: '137' })];
    expect(detectAlerts(oom, T + 10).map((a) => a.kind)).toEqual(['oom-kill']);
    expect(decodedExitOf(ev('die', T, {}, { exitCode: '137' }))?.message).toBe('killed by SIGKILL (137)');
    expect(decodedExitOf(ev('die', T, {}, { exitCode: '137' }), true)?.kind).toBe('oom-killed');
    expect(decodedExitOf(ev('die', T, {}, { exitCode: '143' }))?.message).toBe('killed by SIGTERM (143)');
    const exits = detectAlerts(
      [
        ev('die', T, {}, { exitCode: '3' }),
        ev('die', T + 1, { actorId: 'c2' }, { exitCode: '0', name: 'ok' }),
      ],
      T + 5,
    );
    expect(exits).toEqual([
      expect.objectContaining({ kind: 'bad-exit', message: 'lab-0/web-1: exited with 3' }),
    ]);
  });
});

describe('history', () => {
  it('reads GET /events?since&until as concatenated objects; one object parses alone', async () => {
    const raw = (t: number, a: string) => ({
      Type: 'container',
      Action: a,
      Actor: { ID: 'c1', Attributes: { name: 'web-1' } },
      time: t / 1000,
      timeNano: t * 1e6,
    });
    const api = new FakeDaemonApi('lab-0').answer(
      'GET /events',
      JSON.stringify(raw(T, 'die')) + '\n' + JSON.stringify(raw(T + 5, 'start')) + '\n',
    );
    const got = await readEventHistory(api, (T - 60_000) / 1000, T / 1000 + 1);
    expect(got.map((e) => [e.action, e.time])).toEqual([
      ['die', T],
      ['start', T + 5],
    ]);
    expect(api.sent[0]).toBe(`GET /events?since=${(T - 60_000) / 1000}&until=${T / 1000 + 1}`);
    const one = new FakeDaemonApi('lab-1').answer('GET /events', raw(T, 'restart'));
    expect((await readEventHistory(one, 0, 1)).map((e) => e.action)).toEqual(['restart']);
  });

  it('merges with live events by time, each once; reach is the asked span unless the daemon buffer ran out', () => {
    const live = [ev('start', T + 10), ev('die', T + 5)];
    const history = [ev('die', T + 5), ev('create', T)];
    expect(mergeEvents(history, live).map((e) => e.action)).toEqual(['start', 'die', 'create']);
    expect(reachOf('lab-0', T - 900_000, history)).toEqual({
      host: 'lab-0',
      since: T - 900_000,
      complete: true,
      events: 2,
    });
    const full = Array.from({ length: DAEMON_EVENT_BUFFER }, (_, i) => ev('start', T + i));
    expect(reachOf('lab-0', T - 900_000, full)).toMatchObject({ since: T, complete: false });
    expect(parseSpan('15m')).toBe(900_000);
    expect(parseSpan('1h30m')).toBe(5_400_000);
    expect(parseSpan('0')).toBe(0);
    expect(parseSpan('soon')).toBeUndefined();
  });

  it('loadFleetHistory: per host reach (an error for one that fails); the store merges it under live events', async () => {
    const a = new FakeDaemonApi('lab-0').answer('GET /events', {
      Type: 'container',
      Action: 'restart',
      Actor: { ID: 'c1' },
      time: T / 1000 - 60,
    });
    const b = new FakeDaemonApi('lab-1');
    b.fail = { code: 'timeout', message: 'lab-1: GET /events timed out' };
    const h = await loadFleetHistory([a, b], { now: T });
    expect(h.reach).toEqual([
      { host: 'lab-0', since: T - 900_000, complete: true, events: 1 },
      { host: 'lab-1', since: T, complete: false, events: 0, error: 'lab-1: GET /events timed out' },
    ]);
    const store = new FleetStore([], { clock: { now: () => T } } as ConstructorParameters<
      typeof FleetStore
    >[1]);
    store.addEvent(ev('start', T - 1000));
    store.addHistory(h.events, h.reach);
    expect(store.getSnapshot().events.map((e) => e.action)).toEqual(['start', 'restart']);
    expect(store.historyReach).toHaveLength(2);
  });
});
